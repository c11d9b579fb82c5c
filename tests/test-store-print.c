/* test-store-print.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Card designs kept in the register, batches as the Cards page lists
 * them, the faces of a print job and the record of printing.
 */

#define G_LOG_DOMAIN "test-store-print"

#include "config.h"

#include <glib.h>
#include <locale.h>

#include "core/kt-card-design.h"
#include "kt-test-util.h"
#include "store/kt-store-print.h"

typedef KtTestRegister Fixture;

static void
test_design_model_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCardDesign) design = kt_card_design_new_default ("VIP");
  g_autoptr(KtCardDesign) back = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;
  KtCardField *outside;

  g_assert_true (kt_card_design_validate (design, &error));
  g_assert_no_error (error);
  design->symbology = KT_SYMBOLOGY_QR;
  data = kt_card_design_to_data (design);
  back = kt_card_design_from_data (data, &error);
  g_assert_no_error (error);
  again = kt_card_design_to_data (back);
  g_assert_cmpstr (again, ==, data);
  g_assert_cmpint (back->symbology, ==, KT_SYMBOLOGY_QR);
  g_assert_cmpuint (back->fields->len, ==, design->fields->len);

  /* A field that does not lie on the card is refused, with its name. */
  outside = kt_card_design_add_field (design, KT_CARD_FIELD_TEXT, KT_CARD_FRONT,
                                      80.0, 50.0, 10.0, 10.0);
  outside->text = g_strdup ("Too far");
  g_assert_false (kt_card_design_validate (design, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (kt_card_design_from_data ("[Design]\nname=X\n", &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
}

static void
test_designs_kept (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) designs = kt_store_card_designs (f->store, &error);
  g_autoptr(KtCardDesign) vip = kt_card_design_new_default ("VIP");
  g_autoptr(KtCardDesign) twin = kt_card_design_new_default ("vip");
  g_autoptr(KtCardDesign) found = NULL;
  g_autoptr(GBytes) logo = g_bytes_new_static ("\x89PNG fake", 9);
  KtCardDesign *standard;

  /* A new register has one design to print with. */
  g_assert_no_error (error);
  g_assert_cmpuint (designs->len, ==, 1);
  standard = designs->pdata[0];
  g_assert_false (kt_store_card_design_delete (f->store, standard->id, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  kt_card_image_set (&vip->logo, logo, "image/png");
  vip->front_color = 0x241f31;
  g_assert_true (kt_store_card_design_save (f->store, vip, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vip->id, >, 0);
  g_assert_false (kt_store_card_design_save (f->store, twin, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  found = kt_store_card_design_find (f->store, "Vip", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, vip->id);
  g_assert_cmpint (found->front_color, ==, 0x241f31);
  g_assert_cmpstr (found->logo.mime_type, ==, "image/png");
  g_assert_true (g_bytes_equal (found->logo.bytes, logo));
  g_assert_null (kt_store_card_design_find (f->store, "Gold", &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (kt_store_card_design_delete (f->store, standard->id, &error));
  g_assert_no_error (error);
}

static void
test_batches_and_faces (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(KtCardBatch) batch = NULL;
  g_autoptr(KtCardDesign) design = NULL;
  g_autoptr(KtCard) assigned = NULL;
  g_autoptr(KtCardFace) face = NULL;
  gint64 olena = kt_test_add_member (f->store, "Olena Kovalenko", "", "");
  gint64 id = kt_store_card_batch_create (f->store, 12, "Spring", &error);
  KtCardFace *first, *last;

  g_assert_no_error (error);
  faces = kt_store_card_faces_of_batch (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (faces->len, ==, 12);
  first = faces->pdata[0];
  last = faces->pdata[11];
  g_assert_cmpstr (first->number, <, last->number);
  g_assert_null (first->member_name);
  g_assert_cmpint (first->symbology, ==, KT_SYMBOLOGY_EAN13);

  /* One of them is handed out at registration. */
  assigned = kt_store_card_assign (f->store, olena, last->number, &error);
  g_assert_no_error (error);
  face = kt_store_card_face (f->store, last->number, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (face->member_name, ==, "Olena Kovalenko");

  design = kt_store_card_design_find (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (kt_store_card_print_record (f->store, id, design, "a4-10", 12, &error));
  g_assert_no_error (error);

  batches = kt_store_card_batches (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batches->len, ==, 1);
  batch = kt_store_card_batch_get (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (batch->count, ==, 12);
  g_assert_cmpuint (batch->assigned, ==, 1);
  g_assert_cmpstr (batch->first_number, ==, first->number);
  g_assert_cmpstr (batch->design_name, ==, design->name);
  g_assert_nonnull (batch->printed);
  g_assert_null (kt_store_card_batch_get (f->store, id + 1, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_NOT_FOUND);
}

static void
test_faces_of_members (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  KtMemberQuery anna = { "Anna", KT_MEMBER_SORT_NAME, FALSE };
  gint64 a1 = kt_test_add_member (f->store, "Anna Szabó", "", "");
  gint64 a2 = kt_test_add_member (f->store, "Anna Kovács", "", "");
  gint64 none = kt_test_add_member (f->store, "Anna Nocard", "", "");
  g_autoptr(KtCard) c1 = kt_store_card_issue (f->store, a1, &error);
  g_autoptr(KtCard) c2 = kt_store_card_issue (f->store, a2, &error);

  (void) none;
  kt_test_add_member (f->store, "Petro Shevchenko", "", "");
  faces = kt_store_card_faces_of_members (f->store, &anna, 100, &error);
  g_assert_no_error (error);
  /* In name order; the member without a card has nothing to print. */
  g_assert_cmpuint (faces->len, ==, 2);
  g_assert_cmpstr (((KtCardFace *) faces->pdata[0])->member_name, ==, "Anna Kovács");
  g_assert_cmpstr (((KtCardFace *) faces->pdata[0])->number, ==, c2->number);
  g_assert_cmpstr (((KtCardFace *) faces->pdata[1])->number, ==, c1->number);

  g_clear_pointer (&faces, g_ptr_array_unref);
  faces = kt_store_card_faces_of_members (f->store, &anna, 1, &error);
  g_assert_cmpuint (faces->len, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-print/design-model-round-trip", test_design_model_round_trip);
  g_test_add ("/store-print/designs-kept", Fixture, NULL, kt_test_shop_set_up,
              test_designs_kept, kt_test_shop_tear_down);
  g_test_add ("/store-print/batches-and-faces", Fixture, NULL, kt_test_shop_set_up,
              test_batches_and_faces, kt_test_shop_tear_down);
  g_test_add ("/store-print/faces-of-members", Fixture, NULL, kt_test_shop_set_up,
              test_faces_of_members, kt_test_shop_tear_down);

  return g_test_run ();
}
