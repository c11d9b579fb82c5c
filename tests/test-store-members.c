/* test-store-members.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kt-test-util.h"

static guint
count_listed (KtStore    *store,
              const char *text)
{
  KtMemberQuery query = { text, KT_MEMBER_SORT_NAME, FALSE };
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_assert_true (kt_store_member_count (store, &query, &count, &error));
  g_assert_no_error (error);
  return count;
}

static void
test_members_add_and_get (void)
{
  KtTestRegister reg = { 0, };
  g_autoptr(KtMember) member = kt_member_new ();
  g_autoptr(KtMember) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = kt_date_today ();

  kt_test_register_open (&reg);

  kt_member_set_string (&member->name, "  Kovács Anna  ");
  kt_member_set_string (&member->phone, "+36 30 123 4567");
  kt_member_set_string (&member->email, "anna.kovacs@freemail.hu");
  member->birth_date = g_strdup ("1984-03-15");
  member->status = KT_MEMBER_VIP;
  member->consent = TRUE;
  g_assert_true (kt_store_member_add (reg.store, member, &error));
  g_assert_no_error (error);

  read = kt_store_member_get (reg.store, member->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->name, ==, "Kovács Anna");
  g_assert_cmpstr (read->phone, ==, "+36 30 123 4567");
  g_assert_cmpstr (read->birth_date, ==, "1984-03-15");
  g_assert_cmpint (read->status, ==, KT_MEMBER_VIP);
  g_assert_true (read->consent);
  g_assert_cmpstr (read->consent_date, ==, today);
  g_assert_cmpstr (read->joined, ==, today);
  g_assert_cmpstr (read->card, ==, "");
  g_assert_cmpint (read->points, ==, 0);
  g_assert_cmpint (read->purchase_count, ==, 0);
  g_assert_null (read->last_visit);

  kt_test_register_close (&reg);
}

static void
test_members_refusals_change_nothing (void)
{
  KtTestRegister reg = { 0, };
  g_autoptr(GError) error = NULL;
  const struct { const char *name, *phone, *email, *birth; } bad[] = {
    { "", "", "", NULL },                         /* no name */
    { "   ", "", "", NULL },                      /* only spaces */
    { "Ivan Petrov", "12ab", "", NULL },          /* phone */
    { "Ivan Petrov", "", "ivan@", NULL },         /* e-mail */
    { "Ivan Petrov", "", "", "2999-01-01" },      /* born in the future */
    { "Ivan Petrov", "", "", "1990-02-30" },      /* no such day */
  };

  kt_test_register_open (&reg);
  kt_test_add_member (reg.store, "Emily Clark", "", "");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(KtMember) member = kt_member_new ();

      kt_member_set_string (&member->name, bad[i].name);
      kt_member_set_string (&member->phone, bad[i].phone);
      kt_member_set_string (&member->email, bad[i].email);
      member->birth_date = g_strdup (bad[i].birth);
      g_assert_false (kt_store_member_add (reg.store, member, &error));
      g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpint (member->id, ==, 0);
      g_clear_error (&error);
    }

  g_assert_cmpuint (count_listed (reg.store, ""), ==, 1);
  kt_test_register_close (&reg);
}

static void
test_members_update (void)
{
  KtTestRegister reg = { 0, };
  g_autoptr(KtMember) member = NULL;
  g_autoptr(KtMember) read = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  kt_test_register_open (&reg);
  id = kt_test_add_member (reg.store, "Ivan Petrov", "+7 916 123-45-67", "");

  member = kt_store_member_get (reg.store, id, &error);
  g_assert_no_error (error);
  kt_member_set_string (&member->name, "Иван Петров");
  /* Counters sent by a caller are ignored: only purchases move them. */
  member->points = 1000000;
  g_assert_true (kt_store_member_update (reg.store, member, &error));
  g_assert_no_error (error);

  read = kt_store_member_get (reg.store, id, &error);
  g_assert_cmpstr (read->name, ==, "Иван Петров");
  g_assert_cmpint (read->points, ==, 0);

  /* Search follows the new name, in any case. */
  g_assert_cmpuint (count_listed (reg.store, "ПЕТР"), ==, 1);
  g_assert_cmpuint (count_listed (reg.store, "Petrov"), ==, 0);

  /* An invalid edit is refused and the stored profile stays. */
  kt_member_set_string (&member->email, "not an address");
  g_assert_false (kt_store_member_update (reg.store, member, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_pointer (&read, kt_member_free);
  read = kt_store_member_get (reg.store, id, NULL);
  g_assert_cmpstr (read->email, ==, "");

  kt_test_register_close (&reg);
}

static void
test_members_duplicates (void)
{
  KtTestRegister reg = { 0, };
  g_autoptr(KtMember) candidate = kt_member_new ();
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 anna;

  kt_test_register_open (&reg);
  anna = kt_test_add_member (reg.store, "Anna Smith", "+44 7700 900123", "Anna@Example.com");
  kt_test_add_member (reg.store, "Bob Jones", "+44 7700 900999", "bob@example.com");

  /* Same phone written differently. */
  kt_member_set_string (&candidate->name, "Ann Smith");
  kt_member_set_string (&candidate->phone, "+44 (7700) 900-123");
  found = kt_store_member_find_duplicates (reg.store, candidate, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((KtMember *) found->pdata[0])->id, ==, anna);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Same e-mail in another case. */
  kt_member_set_string (&candidate->phone, "");
  kt_member_set_string (&candidate->email, "anna@example.COM");
  found = kt_store_member_find_duplicates (reg.store, candidate, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A member is not a duplicate of themselves. */
  candidate->id = anna;
  found = kt_store_member_find_duplicates (reg.store, candidate, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Nobody else shares a new address. */
  candidate->id = 0;
  kt_member_set_string (&candidate->email, "carol@example.com");
  found = kt_store_member_find_duplicates (reg.store, candidate, &error);
  g_assert_cmpuint (found->len, ==, 0);

  kt_test_register_close (&reg);
}

static void
test_members_archive (void)
{
  KtTestRegister reg = { 0, };
  g_autoptr(KtMember) read = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  kt_test_register_open (&reg);
  id = kt_test_add_member (reg.store, "Szabó Péter", "", "");
  kt_test_add_member (reg.store, "Nagy Éva", "", "");

  g_assert_true (kt_store_member_set_archived (reg.store, id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_listed (reg.store, ""), ==, 1);
  g_assert_cmpuint (count_listed (reg.store, "szabo"), ==, 0);
  read = kt_store_member_get (reg.store, id, &error);
  g_assert_true (read->archived);
  g_assert_cmpstr (read->name, ==, "Szabó Péter");

  g_assert_true (kt_store_member_set_archived (reg.store, id, FALSE, &error));
  g_assert_cmpuint (count_listed (reg.store, ""), ==, 2);
  g_assert_cmpuint (count_listed (reg.store, "szabo"), ==, 1);

  g_assert_false (kt_store_member_set_archived (reg.store, 9999, TRUE, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_NOT_FOUND);

  kt_test_register_close (&reg);
}

static void
test_members_erase (void)
{
  KtTestRegister reg = { 0, };
  g_autoptr(KtCard) card = NULL;
  g_autoptr(KtCard) scanned = NULL;
  g_autoptr(KtMember) read = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  kt_test_register_open (&reg);
  id = kt_test_add_member (reg.store, "Oksana Shevchenko", "+380 50 765 43 21", "oksana@ukr.net");
  card = kt_store_card_issue (reg.store, id, &error);
  g_assert_no_error (error);

  g_assert_true (kt_store_member_erase (reg.store, id, &error));
  g_assert_no_error (error);
  read = kt_store_member_get (reg.store, id, &error);
  g_assert_true (read->erased);
  g_assert_null (strstr (read->name, "Oksana"));
  g_assert_cmpstr (read->phone, ==, "");
  g_assert_cmpstr (read->email, ==, "");
  g_assert_null (read->birth_date);
  g_assert_false (read->consent);
  /* Not findable by anything that was personal. */
  g_assert_cmpuint (count_listed (reg.store, "oksana"), ==, 0);
  g_assert_cmpuint (count_listed (reg.store, "7654321"), ==, 0);
  /* The card no longer finds anybody at the till. */
  g_assert_cmpstr (read->card, ==, "");
  scanned = kt_store_card_lookup (reg.store, card->number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (scanned->state, ==, KT_CARD_BLOCKED);

  /* An erased record is not edited back to life. */
  kt_member_set_string (&read->name, "Oksana Shevchenko");
  g_assert_false (kt_store_member_update (reg.store, read, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_STATE);

  kt_test_register_close (&reg);
}

static void
test_members_referral (void)
{
  KtTestRegister reg = { 0, };
  g_autoptr(KtMember) newcomer = kt_member_new ();
  g_autoptr(KtMember) read = NULL;
  g_autoptr(GError) error = NULL;
  gint64 referrer;

  kt_test_register_open (&reg);
  referrer = kt_test_add_member (reg.store, "Maria Ivanova", "", "");

  kt_member_set_string (&newcomer->name, "Petr Sidorov");
  newcomer->referrer_id = 424242;
  g_assert_false (kt_store_member_add (reg.store, newcomer, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  newcomer->referrer_id = referrer;
  g_assert_true (kt_store_member_add (reg.store, newcomer, &error));
  g_assert_no_error (error);
  read = kt_store_member_get (reg.store, newcomer->id, &error);
  g_assert_cmpint (read->referrer_id, ==, referrer);
  g_assert_cmpstr (read->referrer_name, ==, "Maria Ivanova");

  /* Nobody refers themselves. */
  read->referrer_id = read->id;
  g_assert_false (kt_store_member_update (reg.store, read, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);

  kt_test_register_close (&reg);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-members/add-and-get", test_members_add_and_get);
  g_test_add_func ("/store-members/refusals-change-nothing", test_members_refusals_change_nothing);
  g_test_add_func ("/store-members/update", test_members_update);
  g_test_add_func ("/store-members/duplicates", test_members_duplicates);
  g_test_add_func ("/store-members/archive", test_members_archive);
  g_test_add_func ("/store-members/erase", test_members_erase);
  g_test_add_func ("/store-members/referral", test_members_referral);

  return g_test_run ();
}
