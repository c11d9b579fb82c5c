/* test-gui-cards.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Cards page, the card designer and the print dialog in the real main
 * window: a batch of blank cards made on the page and saved as a PDF, one
 * of its cards scanned at the counter and given to a new member, a design
 * field moved and saved. Needs a display: run under xvfb-run; without one
 * the test is skipped (exit 77).
 */

#define G_LOG_DOMAIN "test-gui-cards"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>

#include "gui/kt-card-designer.h"
#include "gui/kt-member-dialog.h"
#include "gui/kt-print-dialog.h"
#include "gui/kt-window.h"
#include "store/kt-store-print.h"
#include "kt-test-gui.h"
#include "kt-test-util.h"

typedef struct
{
  KtTestRegister  reg;
  KtWindow       *window;
  char           *pdf_path;
  char           *printed;     /* the print dialog's message, once done */
} Fixture;

/* ---- helpers ------------------------------------------------------------- */

static KtStore *
store_of (Fixture *fixture)
{
  return kt_window_get_store (fixture->window);
}

/* What a click on a page of the view switcher does. */
static void
show_page (Fixture    *fixture,
           const char *name)
{
  GtkWidget *stack = kt_test_get (GTK_WIDGET (fixture->window), kt_test_is_type_named,
                                  "AdwViewStack");

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), name);
  kt_test_wait_ms (100);
}

static GtkWidget *
cards_view (Fixture *fixture)
{
  return kt_test_get (GTK_WIDGET (fixture->window), kt_test_is_type_named, "KtCardsView");
}

/* The message dialog on show (a question the page asks). */
static AdwMessageDialog *
message_dialog (void)
{
  GtkWidget *dialog = kt_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* What a click on one of its buttons does: the response, then the
 * dialog closes. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  kt_test_wait_ms (150);
}

/* The spin button in the row titled `title`. */
static GtkSpinButton *
spin_in_row (GtkWidget  *root,
             const char *title)
{
  GtkWidget *row = kt_test_get (root, kt_test_is_shown_row_titled, title);

  return GTK_SPIN_BUTTON (kt_test_get (row, kt_test_is_type_named, "GtkSpinButton"));
}

static gboolean
is_row_with_subtitle_part (GtkWidget  *widget,
                           const char *part)
{
  const char *subtitle;

  if (!ADW_IS_ACTION_ROW (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  return subtitle != NULL && strstr (subtitle, part) != NULL;
}

static gboolean
is_shown_with_class (GtkWidget  *widget,
                     const char *css_class)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, css_class);
}

static void
printed_cb (KtPrintDialog *dialog,
            const char    *message,
            Fixture       *fixture)
{
  g_free (fixture->printed);
  fixture->printed = g_strdup (message);
}

static gboolean
has_printed (gpointer data)
{
  Fixture *fixture = data;

  return fixture->printed != NULL;
}

/* The standard output of a poppler tool run on the PDF. */
static char *
run_on_pdf (const char *tool,
            const char *path)
{
  const char *argv[] = { tool, path, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  /* pdftotext writes to "-"; pdfinfo takes only the file. */
  if (g_str_equal (tool, "pdfinfo"))
    argv[2] = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static gboolean
is_member_dialog_gone (gpointer data)
{
  return kt_test_find_toplevel (KT_TYPE_MEMBER_DIALOG) == NULL;
}

static gboolean
is_designer_gone (gpointer data)
{
  return kt_test_find_toplevel (KT_TYPE_CARD_DESIGNER) == NULL;
}

/* ---- fixture ------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  kt_test_register_open_demo (&fixture->reg, 40, 200, 11);
  kt_store_set_setting (fixture->reg.store, KT_SETTING_SHOP_NAME, "Corner Shop", &error);
  g_assert_no_error (error);
  fixture->pdf_path = g_build_filename (fixture->reg.dir, "batch.pdf", NULL);

  /* The window owns the register from here on. */
  fixture->window = kt_test_window_open (&fixture->reg);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_remove (fixture->pdf_path);
  g_clear_pointer (&fixture->pdf_path, g_free);
  g_clear_pointer (&fixture->printed, g_free);
  kt_test_window_close (&fixture->window, &fixture->reg);
}

/* ---- tests --------------------------------------------------------------- */

/* New Batch… with 10 cards, printed to a PDF from the offer that follows;
 * returns the batch. */
static KtCardBatch *
make_and_save_batch (Fixture *fixture)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->pdf_path);
  g_autoptr(GPtrArray) batches = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *print_dialog;
  GtkWidget *spin;

  show_page (fixture, "cards");
  gtk_widget_activate_action (cards_view (fixture), "cards.new-batch", NULL);
  kt_test_wait_ms (100);

  dialog = message_dialog ();
  spin = kt_test_get (GTK_WIDGET (dialog), kt_test_is_type_named, "GtkSpinButton");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 10);
  answer (dialog, "create");

  /* The batch is there, and printing it is offered. */
  batches = kt_store_card_batches (store_of (fixture), NULL);
  g_assert_cmpuint (batches->len, ==, 1);
  dialog = message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "10 Blank Cards Created");
  answer (dialog, "print");

  print_dialog = kt_test_find_toplevel (KT_TYPE_PRINT_DIALOG);
  g_assert_nonnull (print_dialog);
  g_assert_cmpuint (kt_print_dialog_get_n_cards (KT_PRINT_DIALOG (print_dialog)), ==, 10);
  g_assert_cmpuint (kt_print_dialog_get_n_pages (KT_PRINT_DIALOG (print_dialog)), ==, 1);

  /* What Save as PDF… does once the file is chosen. */
  g_signal_connect (print_dialog, "printed", G_CALLBACK (printed_cb), fixture);
  kt_print_dialog_save_pdf (KT_PRINT_DIALOG (print_dialog), file);
  g_assert_true (kt_test_wait_until (has_printed, fixture));
  g_assert_cmpstr (fixture->printed, ==, "10 cards saved to “batch.pdf”");
  kt_test_wait_ms (100);
  g_assert_null (kt_test_find_toplevel (KT_TYPE_PRINT_DIALOG));

  return kt_store_card_batch_get (store_of (fixture),
                                  ((KtCardBatch *) g_ptr_array_index (batches, 0))->id, NULL);
}

static void
test_printed_blank_card_goes_to_new_member (Fixture       *fixture,
                                            gconstpointer  user_data)
{
  g_autoptr(KtCardBatch) batch = NULL;
  g_autoptr(GPtrArray) faces = NULL;
  g_autoptr(KtCard) card = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  const char *blank;
  const char *notice;
  GtkWidget *dialog;
  GtkWidget *card_row;

  batch = make_and_save_batch (fixture);
  g_assert_nonnull (batch);

  /* One A4 page with the ten cards, each with its number. */
  g_assert_true (g_file_test (fixture->pdf_path, G_FILE_TEST_IS_REGULAR));
  info = run_on_pdf ("pdfinfo", fixture->pdf_path);
  g_assert_nonnull (strstr (info, "(A4)"));
  g_assert_true (g_regex_match_simple ("^Pages:\\s+1$", info, G_REGEX_MULTILINE, 0));
  text = run_on_pdf ("pdftotext", fixture->pdf_path);
  faces = kt_store_card_faces_of_batch (store_of (fixture), batch->id, NULL);
  g_assert_cmpuint (faces->len, ==, 10);
  for (guint i = 0; i < faces->len; i++)
    g_assert_nonnull (strstr (text, ((KtCardFace *) g_ptr_array_index (faces, i))->number));

  /* The batch remembers the print, and the page says so. */
  g_assert_nonnull (batch->printed);
  g_assert_cmpstr (batch->design_name, ==, "Standard");
  kt_test_get (cards_view (fixture), is_row_with_subtitle_part, "last printed");

  /* A card of the batch, scanned at the counter, is offered to a new
   * member... */
  blank = ((KtCardFace *) g_ptr_array_index (faces, 3))->number;
  show_page (fixture, "members");
  kt_test_scan (fixture->window, blank);
  notice = kt_window_get_card_notice (fixture->window);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, blank));
  kt_test_click (GTK_WIDGET (fixture->window), "_Give to a New Member…");

  dialog = kt_test_find_toplevel (KT_TYPE_MEMBER_DIALOG);
  g_assert_nonnull (dialog);
  card_row = kt_test_get (dialog, kt_test_is_entry_row_titled, "Blank Card Number (Optional)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (card_row)), ==, blank);
  kt_test_fill_in (dialog, "Name", "Zsófia Blankcard");
  kt_test_click (dialog, "_Add");
  g_assert_true (kt_test_wait_until (is_member_dialog_gone, NULL));

  card = kt_store_card_lookup (store_of (fixture), blank, NULL);
  g_assert_nonnull (card);
  g_assert_cmpint (card->state, ==, KT_CARD_ACTIVE);

  /* ...and from then on, scanning it finds her. */
  kt_window_show_member (fixture->window, 1);
  kt_test_scan (fixture->window, blank);
  g_assert_null (kt_window_get_card_notice (fixture->window));
  g_assert_cmpint (kt_window_get_detail_member_id (fixture->window), ==, card->member_id);
  g_assert_cmpstr (kt_window_get_detail_title (fixture->window), ==, "Zsófia Blankcard");

  /* The Cards page counts the card as handed out. */
  show_page (fixture, "cards");
  kt_test_get (cards_view (fixture), is_row_with_subtitle_part, "1 of 10 handed out");
}

static void
test_designer_keeps_a_moved_field (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) designs = kt_store_card_designs (store_of (fixture), NULL);
  g_autoptr(KtCardDesign) saved = NULL;
  const KtCardDesign *original;
  const KtCardField *before;
  const KtCardField *after;
  GtkWidget *designer;
  GtkWidget *error_label;

  g_assert_cmpuint (designs->len, ==, 1);
  original = g_ptr_array_index (designs, 0);
  before = g_ptr_array_index (original->fields, 0);

  show_page (fixture, "cards");
  gtk_widget_activate_action (cards_view (fixture), "cards.edit-design", "x", original->id);
  kt_test_wait_ms (150);
  designer = kt_test_find_toplevel (KT_TYPE_CARD_DESIGNER);
  g_assert_nonnull (designer);

  /* The first field is selected. Off the card: refused in the window,
   * nothing saved. */
  gtk_spin_button_set_value (spin_in_row (designer, "From the Left (mm)"), 80.0);
  kt_test_click (designer, "_Save");
  g_assert_true (kt_test_find_toplevel (KT_TYPE_CARD_DESIGNER) == designer);
  error_label = kt_test_get (kt_test_get (designer, is_shown_with_class, "card-notice"),
                            kt_test_is_type_named, "GtkLabel");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "must lie on the card"));
  saved = kt_store_card_design_get (store_of (fixture), original->id, NULL);
  g_assert_cmpfloat_with_epsilon (((KtCardField *) g_ptr_array_index (saved->fields, 0))->x,
                                  before->x, 0.001);
  g_clear_pointer (&saved, kt_card_design_free);

  /* On the card: saved, and read back the same. */
  gtk_spin_button_set_value (spin_in_row (designer, "From the Left (mm)"), 12.3);
  gtk_spin_button_set_value (spin_in_row (designer, "From the Top (mm)"), 20.5);
  kt_test_click (designer, "_Save");
  g_assert_true (kt_test_wait_until (is_designer_gone, NULL));

  saved = kt_store_card_design_get (store_of (fixture), original->id, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpuint (saved->fields->len, ==, original->fields->len);
  after = g_ptr_array_index (saved->fields, 0);
  g_assert_cmpint (after->kind, ==, before->kind);
  g_assert_cmpfloat_with_epsilon (after->x, 12.3, 0.001);
  g_assert_cmpfloat_with_epsilon (after->y, 20.5, 0.001);
  g_assert_cmpfloat_with_epsilon (after->width, before->width, 0.001);
}

static void
test_last_design_is_kept (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GPtrArray) designs = kt_store_card_designs (store_of (fixture), NULL);
  g_autoptr(GPtrArray) after = NULL;
  AdwMessageDialog *dialog;

  show_page (fixture, "cards");
  gtk_widget_activate_action (cards_view (fixture), "cards.delete-design", "x",
                              ((KtCardDesign *) g_ptr_array_index (designs, 0))->id);
  kt_test_wait_ms (100);
  answer (message_dialog (), "delete");

  /* The register's refusal, in its words; the design stays. */
  dialog = message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Design Cannot Be Deleted");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "last card design"));
  answer (dialog, "close");
  after = kt_store_card_designs (store_of (fixture), NULL);
  g_assert_cmpuint (after->len, ==, 1);

  /* A duplicate can go. */
  gtk_widget_activate_action (cards_view (fixture), "cards.duplicate-design", "x",
                              ((KtCardDesign *) g_ptr_array_index (designs, 0))->id);
  kt_test_wait_ms (100);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = kt_store_card_designs (store_of (fixture), NULL);
  g_assert_cmpuint (after->len, ==, 2);
  g_assert_cmpstr (((KtCardDesign *) g_ptr_array_index (after, 1))->name, ==, "Standard (copy)");
}

static void
test_member_cards_and_calibration (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  KtStore *store = store_of (fixture);
  gint64 member_id = kt_test_add_member (store, "Xavér Printwell", "", "");
  g_autofree char *number = kt_test_issue_card (store, member_id);
  g_autofree char *expected = NULL;
  GtkWidget *dialog;
  GtkWidget *what;
  gpointer chosen;

  /* One member's card, from the member pane's menu. */
  kt_window_show_member (fixture->window, member_id);
  dialog = kt_test_open_dialog (fixture->window, "win.print-member-card", NULL,
                                KT_TYPE_PRINT_DIALOG);
  g_assert_cmpuint (kt_print_dialog_get_n_cards (KT_PRINT_DIALOG (dialog)), ==, 1);
  what = kt_test_get (dialog, kt_test_is_shown_row_titled, "Cards");
  chosen = adw_combo_row_get_selected_item (ADW_COMBO_ROW (what));
  expected = g_strdup_printf ("Card of Xavér Printwell (%s)", number);
  g_assert_cmpstr (gtk_string_object_get_string (chosen), ==, expected);

  /* The printer's calibration is kept for the next print. */
  gtk_spin_button_set_value (spin_in_row (dialog, "Move Right (mm)"), 1.5);
  gtk_spin_button_set_value (spin_in_row (dialog, "Scale (%)"), 98.5);
  gtk_window_destroy (GTK_WINDOW (dialog));
  kt_test_wait_ms (50);

  /* The cards of the members the search finds. */
  gtk_editable_set_text (kt_window_get_search_entry (fixture->window), "printwell");
  kt_test_wait_ms (400);
  dialog = kt_test_open_dialog (fixture->window, "win.print-cards", g_variant_new_int64 (0),
                                KT_TYPE_PRINT_DIALOG);
  g_assert_cmpuint (kt_print_dialog_get_n_cards (KT_PRINT_DIALOG (dialog)), ==, 1);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin_in_row (dialog, "Move Right (mm)")), ==, 1.5);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin_in_row (dialog, "Scale (%)")), ==, 98.5);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  kt_test_gui_init (&argc, &argv, "the card tests");

  KT_TEST_ADD ("/gui-cards/printed-blank-card-goes-to-new-member",
               test_printed_blank_card_goes_to_new_member);
  KT_TEST_ADD ("/gui-cards/designer-keeps-a-moved-field", test_designer_keeps_a_moved_field);
  KT_TEST_ADD ("/gui-cards/last-design-is-kept", test_last_design_is_kept);
  KT_TEST_ADD ("/gui-cards/member-cards-and-calibration", test_member_cards_and_calibration);

  return g_test_run ();
}
