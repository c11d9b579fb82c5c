/* test-gui-window.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real main window on a generated register, driven the way a person
 * (or a barcode scanner) drives it: typing into the search field, pressing
 * Enter after a card number, clicking a column header. Needs a display:
 * run under xvfb-run; without one the test is skipped (exit 77).
 */

#define G_LOG_DOMAIN "test-gui-window"

#include "config.h"

#include <adwaita.h>

#include "core/kt-card-number.h"
#include "core/kt-text.h"
#include "gui/kt-batch-dialog.h"
#include "gui/kt-card-dialog.h"
#include "gui/kt-member-dialog.h"
#include "gui/kt-shop-preferences.h"
#include "gui/kt-window.h"
#include "store/kt-member-list-model.h"
#include "kt-test-gui.h"
#include "kt-test-util.h"

#define DEMO_MEMBERS   300
#define DEMO_PURCHASES 2000

typedef struct
{
  KtTestRegister  reg;
  KtWindow       *window;
  guint           n_members;
  gint64          known_id;
  char           *known_card;
  gint64          blocked_id;
  char           *blocked_card;
  char           *lost_card;
} Fixture;

/* ---- helpers ------------------------------------------------------------- */

static GListModel *
member_model (Fixture *fixture)
{
  return kt_window_get_member_model (fixture->window);
}

static const KtMember *
row (Fixture *fixture,
     guint    position)
{
  g_autoptr(KtMemberItem) item = g_list_model_get_item (member_model (fixture), position);

  g_assert_nonnull (item);
  /* The model keeps its rows; the member outlives this reference. */
  return kt_member_item_get_member (item);
}

/* The member list's column view. */
static GtkWidget *
column_view (Fixture *fixture)
{
  return kt_test_get (GTK_WIDGET (fixture->window), kt_test_is_type_named, "GtkColumnView");
}

/* The texts of the Name column's cells on screen, in no particular order:
 * the cells that are plain inscriptions (the other columns' are numeric). */
static void
collect_name_cells (GtkWidget *root,
                    GPtrArray *texts)
{
  if (GTK_IS_INSCRIPTION (root) && !gtk_widget_has_css_class (root, "numeric") &&
      gtk_widget_get_mapped (root))
    {
      g_ptr_array_add (texts, g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (root))));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_name_cells (child, texts);
}

static int
compare_texts (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names the list's cells show are the names of its first rows: a cell
 * never shows a member of an earlier search. */
static void
assert_cells_show_first_rows (Fixture *fixture)
{
  GtkWidget *view = column_view (fixture);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  guint n_items = g_list_model_get_n_items (member_model (fixture));

  collect_name_cells (view, shown);
  g_assert_cmpuint (shown->len, >, 0);
  g_assert_cmpuint (shown->len, <=, n_items);
  for (guint i = 0; i < shown->len; i++)
    {
      const KtMember *member = row (fixture, i);

      g_ptr_array_add (expected, g_strdup (member->erased ? "Personal data erased" : member->name));
    }

  g_ptr_array_sort (shown, compare_texts);
  g_ptr_array_sort (expected, compare_texts);
  for (guint i = 0; i < shown->len; i++)
    g_assert_cmpstr (g_ptr_array_index (shown, i), ==, g_ptr_array_index (expected, i));
}

static GtkColumnViewColumn *
find_column (Fixture    *fixture,
             const char *title)
{
  GtkWidget *view = column_view (fixture);
  GListModel *columns;

  columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_assert_not_reached ();
}

static gboolean
is_shown_status_page (GtkWidget  *widget,
                      const char *title_part)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget) &&
         strstr (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title_part) != NULL;
}

static void
type_search (Fixture    *fixture,
             const char *text)
{
  gtk_editable_set_text (kt_window_get_search_entry (fixture->window), text);
  /* The search runs after the field's delay, as it does for a person. */
  kt_test_wait_ms (400);
}

static void
scan (Fixture    *fixture,
      const char *number)
{
  GtkEditable *entry = kt_window_get_search_entry (fixture->window);

  /* A scanner types the digits and Enter. */
  gtk_editable_set_text (entry, number);
  g_signal_emit_by_name (entry, "activate");
  kt_test_wait_ms (50);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  KtDemoOptions options = { DEMO_MEMBERS, DEMO_PURCHASES, 7, "2026-01-31" };
  g_autoptr(GError) error = NULL;
  g_autoptr(KtCard) replacement = NULL;
  KtStore *store;

  kt_test_register_open (&fixture->reg);
  store = fixture->reg.store;

  g_assert_true (kt_store_fill_demo (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Names no generated member has, so that what a search must find is
   * known exactly. */
  fixture->known_id = kt_test_add_member (store, "Quentin Quibbleworth", "+36 30 111 2222",
                                          "quentin@example.org");
  fixture->known_card = kt_test_issue_card (store, fixture->known_id);
  kt_test_add_member (store, "Olga Quibbleworth", "", "");
  kt_test_add_member (store, "Quibbleworth Mária", "", "");

  fixture->blocked_id = kt_test_add_member (store, "Barnabás Blockley", "", "");
  fixture->blocked_card = kt_test_issue_blocked_card (store, fixture->blocked_id);

  fixture->lost_card = kt_test_issue_card (store,
                                          kt_test_add_member (store, "Lorand Lostcard", "", ""));
  replacement = kt_store_card_replace (store, fixture->lost_card, KT_CARD_LOST, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (replacement);

  fixture->n_members = DEMO_MEMBERS + 5;

  /* The window owns the register from here on. */
  fixture->window = kt_test_window_open (&fixture->reg);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  kt_test_window_close (&fixture->window, &fixture->reg);
  g_clear_pointer (&fixture->known_card, g_free);
  g_clear_pointer (&fixture->blocked_card, g_free);
  g_clear_pointer (&fixture->lost_card, g_free);
}

/* ---- tests --------------------------------------------------------------- */

static void
test_lists_everyone (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *previous = NULL;
  guint n_items = g_list_model_get_n_items (member_model (fixture));

  g_assert_cmpuint (n_items, ==, fixture->n_members);

  /* By name, as the Name column's arrow says. */
  for (guint i = 0; i < MIN (n_items, 60); i++)
    {
      g_autofree char *key = kt_text_fold (row (fixture, i)->name);

      if (previous != NULL)
        g_assert_cmpstr (previous, <=, key);
      g_free (previous);
      previous = g_steal_pointer (&key);
    }
}

static void
test_search_filters_as_you_type (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  guint n_items;

  type_search (fixture, "quibb");

  n_items = g_list_model_get_n_items (member_model (fixture));
  g_assert_cmpuint (n_items, ==, 3);
  for (guint i = 0; i < n_items; i++)
    g_assert_nonnull (strstr (row (fixture, i)->name, "Quibbleworth"));

  /* Two words: both must match. */
  type_search (fixture, "quibb olg");
  g_assert_cmpuint (g_list_model_get_n_items (member_model (fixture)), ==, 1);
  g_assert_cmpstr (row (fixture, 0)->name, ==, "Olga Quibbleworth");

  type_search (fixture, "Zzyzx");
  g_assert_cmpuint (g_list_model_get_n_items (member_model (fixture)), ==, 0);

  type_search (fixture, "");
  g_assert_cmpuint (g_list_model_get_n_items (member_model (fixture)), ==, fixture->n_members);
}

static void
test_cells_show_the_search (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *view = column_view (fixture);

  kt_test_wait_ms (100);
  assert_cells_show_first_rows (fixture);

  /* The rows on show take the search's members; the others go. */
  type_search (fixture, "quibb");
  collect_name_cells (view, shown);
  g_ptr_array_sort (shown, compare_texts);
  g_assert_cmpuint (shown->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (shown, 0), ==, "Olga Quibbleworth");
  g_assert_cmpstr (g_ptr_array_index (shown, 1), ==, "Quentin Quibbleworth");
  g_assert_cmpstr (g_ptr_array_index (shown, 2), ==, "Quibbleworth Mária");

  type_search (fixture, "");
  kt_test_wait_ms (100);
  assert_cells_show_first_rows (fixture);

  /* Another order, and a search in it. */
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), find_column (fixture, "Points"),
                                  GTK_SORT_DESCENDING);
  kt_test_wait_ms (100);
  assert_cells_show_first_rows (fixture);
  type_search (fixture, "a");
  kt_test_wait_ms (100);
  assert_cells_show_first_rows (fixture);
}

static void
test_scanned_card_opens_member (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_assert_cmpint (kt_window_get_detail_member_id (fixture->window), ==, 0);

  scan (fixture, fixture->known_card);

  g_assert_cmpint (kt_window_get_detail_member_id (fixture->window), ==, fixture->known_id);
  g_assert_cmpstr (kt_window_get_detail_title (fixture->window), ==, "Quentin Quibbleworth");
  g_assert_null (kt_window_get_card_notice (fixture->window));
}

static void
test_refused_cards_do_not_open (Fixture       *fixture,
                                gconstpointer  user_data)
{
  const char *notice;

  scan (fixture, fixture->known_card);
  g_assert_cmpint (kt_window_get_detail_member_id (fixture->window), ==, fixture->known_id);

  /* A blocked card is refused with its state; the member on show stays. */
  scan (fixture, fixture->blocked_card);
  notice = kt_window_get_card_notice (fixture->window);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, fixture->blocked_card));
  g_assert_nonnull (strstr (notice, "blocked"));
  g_assert_nonnull (strstr (notice, "Barnabás Blockley"));
  g_assert_cmpint (kt_window_get_detail_member_id (fixture->window), ==, fixture->known_id);

  /* A lost card says so, and which card replaced it. */
  scan (fixture, fixture->lost_card);
  notice = kt_window_get_card_notice (fixture->window);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "lost"));
  g_assert_nonnull (strstr (notice, "replaced by 2"));
  g_assert_cmpint (kt_window_get_detail_member_id (fixture->window), ==, fixture->known_id);
}

static void
test_wrong_numbers_open_nobody (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *wrong_digit = g_strdup (fixture->known_card);
  g_autofree char *unknown = NULL;
  int last = (int) strlen (wrong_digit) - 1;

  /* One digit off: the check digit catches it; it must not find anyone. */
  wrong_digit[last] = (char) ('0' + (wrong_digit[last] - '0' + 1) % 10);
  scan (fixture, wrong_digit);
  g_assert_cmpint (kt_window_get_detail_member_id (fixture->window), ==, 0);

  /* A valid number that no card has. */
  unknown = kt_card_number_make (99, KT_CARD_SEQUENCE_MAX - 1);
  scan (fixture, unknown);
  g_assert_cmpint (kt_window_get_detail_member_id (fixture->window), ==, 0);
  g_assert_null (kt_window_get_card_notice (fixture->window));
}

static void
test_header_click_sorts_in_sql (Fixture       *fixture,
                                gconstpointer  user_data)
{
  GtkWidget *view = column_view (fixture);
  guint n_items;

  /* What a click on the header does, twice: descending. */
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), find_column (fixture, "Points"),
                                  GTK_SORT_DESCENDING);
  kt_test_wait_ms (50);

  n_items = g_list_model_get_n_items (member_model (fixture));
  g_assert_cmpuint (n_items, ==, fixture->n_members);
  for (guint i = 1; i < n_items; i++)
    g_assert_cmpint (row (fixture, i - 1)->points, >=, row (fixture, i)->points);
  g_assert_cmpint (row (fixture, 0)->points, >, row (fixture, n_items - 1)->points);

  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), find_column (fixture, "Total Spent"),
                                  GTK_SORT_ASCENDING);
  kt_test_wait_ms (50);
  for (guint i = 1; i < n_items; i++)
    g_assert_cmpint (row (fixture, i - 1)->total_spent, <=, row (fixture, i)->total_spent);
}

static void
test_new_member_gets_a_card (Fixture       *fixture,
                             gconstpointer  user_data)
{
  GtkWidget *dialog;

  dialog = kt_test_open_dialog (fixture->window, "win.new-member", NULL, KT_TYPE_MEMBER_DIALOG);

  kt_test_fill_in (dialog, "Name", "Wilhelmina Zwartkop");
  kt_test_fill_in (dialog, "Phone", "+36 1 555 0199");
  kt_test_click (dialog, "_Add");

  /* Added, on show, in the list, and with a card as the form offered. */
  g_assert_null (kt_test_find_toplevel (KT_TYPE_MEMBER_DIALOG));
  g_assert_cmpstr (kt_window_get_detail_title (fixture->window), ==, "Wilhelmina Zwartkop");
  g_assert_cmpuint (g_list_model_get_n_items (member_model (fixture)), ==, fixture->n_members + 1);

  type_search (fixture, "zwartkop");
  g_assert_cmpuint (g_list_model_get_n_items (member_model (fixture)), ==, 1);
  g_assert_true (kt_card_number_is_in_store (row (fixture, 0)->card));
}

static void
test_member_needs_a_name (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GtkWidget *dialog;

  dialog = kt_test_open_dialog (fixture->window, "win.new-member", NULL, KT_TYPE_MEMBER_DIALOG);

  /* A phone but no name: the library refuses, the dialog stays open. */
  kt_test_fill_in (dialog, "Phone", "+36 1 555 0100");
  kt_test_click (dialog, "_Add");
  g_assert_true (kt_test_find_toplevel (KT_TYPE_MEMBER_DIALOG) == dialog);
  g_assert_cmpuint (g_list_model_get_n_items (member_model (fixture)), ==, fixture->n_members);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_blank_batch_reports_its_numbers (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  KtStore *store = kt_window_get_store (fixture->window);
  g_autoptr(KtCard) first_card = NULL;
  g_autoptr(KtCard) last_card = NULL;
  g_auto(GStrv) words = NULL;
  GtkWidget *dialog;
  GtkWidget *page;
  guint64 first, last;

  dialog = kt_test_open_dialog (fixture->window, "win.issue-blank-cards", NULL,
                                KT_TYPE_BATCH_DIALOG);
  kt_test_click (dialog, "C_reate");

  page = kt_test_get (dialog, is_shown_status_page, "100 Blank Cards Created");

  /* "Batch 1: cards 2990000000301 to 2990000000400": the numbers the
   * printer must be sent are really the batch's first and last. */
  words = g_strsplit (adw_status_page_get_description (ADW_STATUS_PAGE (page)), " ", -1);
  g_assert_cmpuint (g_strv_length (words), ==, 6);
  first_card = kt_store_card_lookup (store, words[3], NULL);
  last_card = kt_store_card_lookup (store, words[5], NULL);
  g_assert_nonnull (first_card);
  g_assert_nonnull (last_card);
  g_assert_cmpint (first_card->state, ==, KT_CARD_BLANK);
  g_assert_cmpint (first_card->batch_id, ==, last_card->batch_id);
  g_assert_true (kt_card_number_split (words[3], NULL, &first));
  g_assert_true (kt_card_number_split (words[5], NULL, &last));
  g_assert_cmpuint (last - first, ==, 99);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_replacing_a_lost_card (Fixture       *fixture,
                            gconstpointer  user_data)
{
  KtStore *store = kt_window_get_store (fixture->window);
  g_autoptr(KtCard) old_card = NULL;
  g_autoptr(KtMember) member = NULL;
  const char *notice;
  GtkWidget *dialog;

  kt_window_show_member (fixture->window, fixture->known_id);
  dialog = kt_test_open_dialog (fixture->window, "win.replace-card",
                                g_variant_new_string (fixture->known_card), KT_TYPE_CARD_DIALOG);
  kt_test_click (dialog, "_Replace");
  g_assert_null (kt_test_find_toplevel (KT_TYPE_CARD_DIALOG));

  old_card = kt_store_card_lookup (store, fixture->known_card, NULL);
  member = kt_store_member_get (store, fixture->known_id, NULL);
  g_assert_cmpint (old_card->state, ==, KT_CARD_LOST);
  g_assert_cmpstr (member->card, !=, fixture->known_card);
  g_assert_true (kt_card_number_is_in_store (member->card));

  /* The old card is refused now, naming the new one; the new one opens. */
  scan (fixture, fixture->known_card);
  notice = kt_window_get_card_notice (fixture->window);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, member->card));

  kt_window_show_member (fixture->window, fixture->blocked_id);
  scan (fixture, member->card);
  g_assert_cmpint (kt_window_get_detail_member_id (fixture->window), ==, fixture->known_id);
}

static void
test_shop_settings_are_saved (Fixture       *fixture,
                              gconstpointer  user_data)
{
  KtStore *store = kt_window_get_store (fixture->window);
  g_autofree char *name = NULL;
  GtkWidget *preferences;
  GtkWidget *row;

  preferences = kt_test_open_dialog (fixture->window, "win.shop-settings", NULL,
                                     KT_TYPE_SHOP_PREFERENCES);

  row = kt_test_get (preferences, kt_test_is_entry_row_titled, "Shop Name");
  gtk_editable_set_text (GTK_EDITABLE (row), "Corner Shop");
  g_signal_emit_by_name (row, "apply");

  name = kt_store_get_setting (store, KT_SETTING_SHOP_NAME);
  g_assert_cmpstr (name, ==, "Corner Shop");

  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_archive_and_undo (Fixture       *fixture,
                       gconstpointer  user_data)
{
  kt_window_show_member (fixture->window, fixture->known_id);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.archive-member", NULL);
  kt_test_wait_ms (50);

  /* Gone from the list and from the pane... */
  g_assert_cmpuint (g_list_model_get_n_items (member_model (fixture)), ==, fixture->n_members - 1);
  g_assert_cmpint (kt_window_get_detail_member_id (fixture->window), ==, 0);
  type_search (fixture, "quentin");
  g_assert_cmpuint (g_list_model_get_n_items (member_model (fixture)), ==, 0);

  /* ...and back with the toast's Undo. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.restore-member", "x",
                              fixture->known_id);
  kt_test_wait_ms (50);
  g_assert_cmpuint (g_list_model_get_n_items (member_model (fixture)), ==, 1);
  g_assert_cmpint (kt_window_get_detail_member_id (fixture->window), ==, fixture->known_id);
}

int
main (int   argc,
      char *argv[])
{
  kt_test_gui_init (&argc, &argv, "the window tests");

  KT_TEST_ADD ("/gui-window/lists-everyone", test_lists_everyone);
  KT_TEST_ADD ("/gui-window/search-filters-as-you-type", test_search_filters_as_you_type);
  KT_TEST_ADD ("/gui-window/cells-show-the-search", test_cells_show_the_search);
  KT_TEST_ADD ("/gui-window/scanned-card-opens-member", test_scanned_card_opens_member);
  KT_TEST_ADD ("/gui-window/refused-cards-do-not-open", test_refused_cards_do_not_open);
  KT_TEST_ADD ("/gui-window/wrong-numbers-open-nobody", test_wrong_numbers_open_nobody);
  KT_TEST_ADD ("/gui-window/header-click-sorts-in-sql", test_header_click_sorts_in_sql);

  KT_TEST_ADD ("/gui-window/new-member-gets-a-card", test_new_member_gets_a_card);
  KT_TEST_ADD ("/gui-window/member-needs-a-name", test_member_needs_a_name);
  KT_TEST_ADD ("/gui-window/blank-batch-reports-its-numbers", test_blank_batch_reports_its_numbers);
  KT_TEST_ADD ("/gui-window/replacing-a-lost-card", test_replacing_a_lost_card);
  KT_TEST_ADD ("/gui-window/shop-settings-are-saved", test_shop_settings_are_saved);
  KT_TEST_ADD ("/gui-window/archive-and-undo", test_archive_and_undo);

  return g_test_run ();
}
