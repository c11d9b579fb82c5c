/* test-gui-schemes.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Schemes page of the real main window, driven the way a shop owner
 * drives it: adding a scheme through its editor, a value the rules refuse,
 * the simulator's quote for a member's card, how discounts combine,
 * deleting, and scheme files in and out. Needs a display: run under
 * xvfb-run; without one the test is skipped (exit 77).
 */

#define G_LOG_DOMAIN "test-gui-schemes"

#include "config.h"

#include <adwaita.h>

#include "gui/kt-quote-simulator.h"
#include "gui/kt-scheme-editor.h"
#include "gui/kt-scheme-row.h"
#include "gui/kt-scheme-table.h"
#include "gui/kt-schemes-view.h"
#include "gui/kt-window.h"
#include "store/kt-store-till.h"
#include "kt-test-gui.h"
#include "kt-test-util.h"

typedef struct
{
  KtTestRegister  reg;
  KtWindow       *window;
  KtStore        *store;          /* the window's */
  KtSchemesView  *view;
  char           *card;
  char           *blocked_card;
} Fixture;

/* ---- finding what is on screen ------------------------------------------- */

static gpointer
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/* The titles of the scheme rows the list shows. */
static void
collect_rows (GtkWidget *root,
              GPtrArray *titles)
{
  if (KT_IS_SCHEME_ROW (root))
    {
      g_ptr_array_add (titles,
                       g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root))));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, titles);
}

static gboolean
list_shows (Fixture    *fixture,
            const char *title)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  collect_rows (GTK_WIDGET (fixture->view), titles);
  for (guint i = 0; i < titles->len; i++)
    if (g_strcmp0 (g_ptr_array_index (titles, i), title) == 0)
      return TRUE;
  return FALSE;
}

static guint
n_rows_shown (Fixture *fixture)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

  collect_rows (GTK_WIDGET (fixture->view), titles);
  return titles->len;
}

/* Whether a label in `root` shows `amount` as a money figure ("5.00",
 * "−5.00 ₴"), not as part of a larger one ("95.00"). */
static gboolean
shows_amount (GtkWidget  *root,
              const char *amount)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (root));

      while (*text != '\0' && !g_ascii_isdigit (*text))
        text = g_utf8_next_char (text);
      if (g_str_has_prefix (text, amount))
        return TRUE;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_amount (child, amount))
      return TRUE;
  return FALSE;
}

static gboolean
is_shown_label_containing (GtkWidget  *widget,
                           const char *text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static KtProgramme *
programme (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  KtProgramme *programme = kt_store_programme_get (fixture->store, &error);

  g_assert_no_error (error);
  g_assert_nonnull (programme);
  return programme;
}

/* What clicking a dialog's button does: the response, and the dialog
 * closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_ref (dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  adw_message_dialog_response (dialog, response);
  g_object_unref (dialog);
  kt_test_wait_ms (50);
}

static void
set_text (gpointer    editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static void
click (gpointer button)
{
  g_signal_emit_by_name (button, "clicked");
  kt_test_wait_ms (50);
}

/* ---- fixture ------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  GtkWidget *stack;
  KtStore *store;
  gint64 hanna, bruno;

  kt_test_shop_set_up (&fixture->reg, NULL);
  store = fixture->reg.store;

  hanna = kt_test_add_member (store, "Hanna Haltmeyer", "", "");
  bruno = kt_test_add_member (store, "Bruno Blocker", "", "");
  fixture->card = kt_test_issue_card (store, hanna);
  fixture->blocked_card = kt_test_issue_blocked_card (store, bruno);

  fixture->window = kt_test_window_open (&fixture->reg);
  fixture->store = kt_window_get_store (fixture->window);

  /* The shop owner opens the Schemes page. */
  stack = kt_test_find (GTK_WIDGET (fixture->window), kt_test_is_type_named, "AdwViewStack");
  g_assert_nonnull (stack);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "schemes");
  fixture->view = child_of (fixture->window, KT_TYPE_WINDOW, "schemes_view");
  kt_test_wait_ms (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  kt_test_window_close (&fixture->window, &fixture->reg);
  g_clear_pointer (&fixture->card, g_free);
  g_clear_pointer (&fixture->blocked_card, g_free);
}

/* Adds a fixed discount through the editor: name and percentage. */
static KtSchemeEditor *
open_new_editor (Fixture    *fixture,
                 const char *kind)
{
  KtSchemeEditor *editor;

  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "schemes.add", "s", kind);
  kt_test_wait_ms (50);
  editor = KT_SCHEME_EDITOR (kt_test_find_toplevel (KT_TYPE_SCHEME_EDITOR));
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor))
                 == GTK_WINDOW (fixture->window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (editor)));
  return editor;
}

static void
add_fixed_scheme (Fixture    *fixture,
                  const char *name,
                  const char *percent)
{
  KtSchemeEditor *editor = open_new_editor (fixture, "fixed");

  set_text (child_of (editor, KT_TYPE_SCHEME_EDITOR, "name_row"), name);
  set_text (child_of (editor, KT_TYPE_SCHEME_EDITOR, "discount_row"), percent);
  click (child_of (editor, KT_TYPE_SCHEME_EDITOR, "save_button"));
  g_assert_null (kt_test_find_toplevel (KT_TYPE_SCHEME_EDITOR));
}

/* ---- tests --------------------------------------------------------------- */

static void
test_add_fixed_scheme (Fixture       *fixture,
                       gconstpointer  user_data)
{
  GtkStack *stack = child_of (fixture->view, KT_TYPE_SCHEMES_VIEW, "stack");
  g_autoptr(KtProgramme) before = NULL;
  g_autoptr(KtProgramme) after = NULL;
  const KtScheme *scheme;
  KtSchemeEditor *editor;

  /* A shop without schemes is invited to add one. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  /* 150 % is refused with the reason, and nothing is saved. */
  editor = open_new_editor (fixture, "fixed");
  set_text (child_of (editor, KT_TYPE_SCHEME_EDITOR, "name_row"), "Staff card");
  set_text (child_of (editor, KT_TYPE_SCHEME_EDITOR, "discount_row"), "150");
  click (child_of (editor, KT_TYPE_SCHEME_EDITOR, "save_button"));
  g_assert_true (kt_test_find_toplevel (KT_TYPE_SCHEME_EDITOR) == GTK_WIDGET (editor));
  g_assert_nonnull (kt_scheme_editor_get_error (editor));
  g_assert_nonnull (strstr (kt_scheme_editor_get_error (editor), "100 %"));
  g_assert_true (gtk_widget_get_visible (child_of (editor, KT_TYPE_SCHEME_EDITOR, "error_box")));
  before = programme (fixture);
  g_assert_cmpuint (before->schemes->len, ==, 0);

  /* Text that is no percentage at all is refused too. */
  set_text (child_of (editor, KT_TYPE_SCHEME_EDITOR, "discount_row"), "five");
  click (child_of (editor, KT_TYPE_SCHEME_EDITOR, "save_button"));
  g_assert_nonnull (strstr (kt_scheme_editor_get_error (editor), "five"));
  g_assert_true (gtk_widget_has_css_class (child_of (editor, KT_TYPE_SCHEME_EDITOR, "discount_row"),
                                           "error"));

  /* 5 % is saved, the editor closes and the list shows the scheme. */
  set_text (child_of (editor, KT_TYPE_SCHEME_EDITOR, "discount_row"), "5");
  click (child_of (editor, KT_TYPE_SCHEME_EDITOR, "save_button"));
  g_assert_null (kt_test_find_toplevel (KT_TYPE_SCHEME_EDITOR));

  after = programme (fixture);
  g_assert_cmpuint (after->schemes->len, ==, 1);
  scheme = g_ptr_array_index (after->schemes, 0);
  g_assert_cmpstr (scheme->name, ==, "Staff card");
  g_assert_cmpint (scheme->kind, ==, KT_SCHEME_FIXED);
  g_assert_cmpint (scheme->bp, ==, 500);
  g_assert_true (scheme->active);
  g_assert_cmpint (scheme->audience, ==, KT_AUDIENCE_EVERYONE);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_true (list_shows (fixture, "Staff card"));
}

static void
test_simulator_quotes_a_card (Fixture       *fixture,
                              gconstpointer  user_data)
{
  KtQuoteSimulator *simulator = child_of (fixture->view, KT_TYPE_SCHEMES_VIEW, "simulator");
  g_autoptr(KtProgramme) saved = NULL;
  const KtQuote *quote;

  add_fixed_scheme (fixture, "Staff card", "5");
  saved = programme (fixture);

  set_text (child_of (simulator, KT_TYPE_QUOTE_SIMULATOR, "member_row"), fixture->card);
  set_text (child_of (simulator, KT_TYPE_QUOTE_SIMULATOR, "amount_row"), "100.00");
  kt_test_wait_ms (50);

  quote = kt_quote_simulator_get_quote (simulator);
  g_assert_nonnull (quote);
  g_assert_cmpint (quote->amount, ==, 10000);
  g_assert_cmpint (quote->discount, ==, 500);
  g_assert_cmpint (quote->payable, ==, 9500);
  g_assert_cmpuint (quote->lines->len, ==, 1);
  g_assert_true (shows_amount (GTK_WIDGET (simulator), "5.00"));
  g_assert_true (shows_amount (GTK_WIDGET (simulator), "95.00"));

  /* Changing the amount quotes again at once. */
  set_text (child_of (simulator, KT_TYPE_QUOTE_SIMULATOR, "amount_row"), "200.00");
  kt_test_wait_ms (50);
  quote = kt_quote_simulator_get_quote (simulator);
  g_assert_nonnull (quote);
  g_assert_cmpint (quote->discount, ==, 1000);

  /* Switching the scheme off in the list takes the discount away. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "schemes.set-active", "(xb)",
                              ((KtScheme *) g_ptr_array_index (saved->schemes, 0))->id, FALSE);
  kt_test_wait_ms (100);
  quote = kt_quote_simulator_get_quote (simulator);
  g_assert_nonnull (quote);
  g_assert_cmpint (quote->discount, ==, 0);

  /* The simulator records nothing. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KtCard) card = kt_store_card_lookup (fixture->store, fixture->card, &error);
    g_autoptr(GPtrArray) purchases = kt_store_member_purchases (fixture->store, card->member_id,
                                                                0, 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (purchases->len, ==, 0);
  }
}

static void
test_simulator_refuses_blocked_card (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  KtQuoteSimulator *simulator = child_of (fixture->view, KT_TYPE_SCHEMES_VIEW, "simulator");
  AdwActionRow *info = child_of (simulator, KT_TYPE_QUOTE_SIMULATOR, "member_info_row");

  add_fixed_scheme (fixture, "Staff card", "5");

  set_text (child_of (simulator, KT_TYPE_QUOTE_SIMULATOR, "member_row"), fixture->blocked_card);
  set_text (child_of (simulator, KT_TYPE_QUOTE_SIMULATOR, "amount_row"), "100.00");
  kt_test_wait_ms (50);

  g_assert_null (kt_quote_simulator_get_quote (simulator));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (info)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (info)), ==, "Bruno Blocker");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (info), "error"));
  /* The quote's place says why. */
  g_assert_nonnull (kt_test_find (child_of (simulator, KT_TYPE_QUOTE_SIMULATOR, "quote_view"),
                                  is_shown_label_containing, "is blocked"));
  g_assert_false (shows_amount (GTK_WIDGET (simulator), "5.00"));

  /* A wrong amount is refused too, with a quote for a good card. */
  set_text (child_of (simulator, KT_TYPE_QUOTE_SIMULATOR, "member_row"), fixture->card);
  set_text (child_of (simulator, KT_TYPE_QUOTE_SIMULATOR, "amount_row"), "12.3.4");
  kt_test_wait_ms (50);
  g_assert_null (kt_quote_simulator_get_quote (simulator));
}

static void
test_progressive_tiers (Fixture       *fixture,
                        gconstpointer  user_data)
{
  KtSchemeEditor *editor = open_new_editor (fixture, "progressive");
  KtSchemeTable *table = child_of (editor, KT_TYPE_SCHEME_EDITOR, "tier_table");
  g_autoptr(KtProgramme) saved = NULL;
  const KtScheme *scheme;
  const char *bronze[] = { "Bronze", "500.00", "1" };
  const char *silver[] = { "Silver", "800", "2.5" };

  set_text (child_of (editor, KT_TYPE_SCHEME_EDITOR, "name_row"), "Card tiers");
  adw_combo_row_set_selected (child_of (editor, KT_TYPE_SCHEME_EDITOR, "period_row"),
                              KT_PERIOD_CALENDAR_YEAR);

  /* The editor starts with an empty tier to fill in. */
  g_assert_cmpuint (kt_scheme_table_get_n_rows (table), ==, 1);
  for (guint i = 0; i < 3; i++)
    kt_scheme_table_set_text (table, 0, i, bronze[i]);
  kt_scheme_table_append_row (table, silver);

  /* Thresholds that do not grow are refused by the rules. */
  kt_scheme_table_set_text (table, 1, 1, "400");
  click (child_of (editor, KT_TYPE_SCHEME_EDITOR, "save_button"));
  g_assert_nonnull (kt_scheme_editor_get_error (editor));
  g_assert_nonnull (strstr (kt_scheme_editor_get_error (editor), "grow"));

  kt_scheme_table_set_text (table, 1, 1, "800");
  click (child_of (editor, KT_TYPE_SCHEME_EDITOR, "save_button"));
  g_assert_null (kt_test_find_toplevel (KT_TYPE_SCHEME_EDITOR));

  saved = programme (fixture);
  g_assert_cmpuint (saved->schemes->len, ==, 1);
  scheme = g_ptr_array_index (saved->schemes, 0);
  g_assert_cmpint (scheme->period, ==, KT_PERIOD_CALENDAR_YEAR);
  g_assert_cmpuint (scheme->tiers->len, ==, 2);
  g_assert_cmpstr (g_array_index (scheme->tiers, KtTier, 0).name, ==, "Bronze");
  g_assert_cmpint (g_array_index (scheme->tiers, KtTier, 0).threshold, ==, 50000);
  g_assert_cmpint (g_array_index (scheme->tiers, KtTier, 0).bp, ==, 100);
  g_assert_cmpint (g_array_index (scheme->tiers, KtTier, 1).threshold, ==, 80000);
  g_assert_cmpint (g_array_index (scheme->tiers, KtTier, 1).bp, ==, 250);

  /* Edited again, the editor shows the tiers as saved. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "schemes.edit", "x", scheme->id);
  kt_test_wait_ms (50);
  editor = KT_SCHEME_EDITOR (kt_test_find_toplevel (KT_TYPE_SCHEME_EDITOR));
  g_assert_nonnull (editor);
  table = child_of (editor, KT_TYPE_SCHEME_EDITOR, "tier_table");
  g_assert_cmpuint (kt_scheme_table_get_n_rows (table), ==, 2);
  g_assert_cmpstr (kt_scheme_table_get_text (table, 1, 0), ==, "Silver");
  g_assert_cmpstr (kt_scheme_table_get_text (table, 1, 1), ==, "800.00");
  g_assert_cmpstr (kt_scheme_table_get_text (table, 1, 2), ==, "2.5");
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_promotion_weekdays (Fixture       *fixture,
                         gconstpointer  user_data)
{
  KtSchemeEditor *editor = open_new_editor (fixture, "promotion");
  g_autoptr(KtProgramme) saved = NULL;
  const KtScheme *scheme;

  set_text (child_of (editor, KT_TYPE_SCHEME_EDITOR, "name_row"), "Weekend double points");
  set_text (child_of (editor, KT_TYPE_SCHEME_EDITOR, "valid_from_row"), "2026-06-01");
  set_text (child_of (editor, KT_TYPE_SCHEME_EDITOR, "valid_to_row"), "2026-08-31");
  gtk_toggle_button_set_active (child_of (editor, KT_TYPE_SCHEME_EDITOR, "sat_toggle"), TRUE);
  gtk_toggle_button_set_active (child_of (editor, KT_TYPE_SCHEME_EDITOR, "sun_toggle"), TRUE);

  /* Neither a discount nor a multiplier: the rules refuse it. */
  click (child_of (editor, KT_TYPE_SCHEME_EDITOR, "save_button"));
  g_assert_nonnull (kt_scheme_editor_get_error (editor));

  set_text (child_of (editor, KT_TYPE_SCHEME_EDITOR, "multiplier_row"), "2");
  click (child_of (editor, KT_TYPE_SCHEME_EDITOR, "save_button"));
  g_assert_null (kt_test_find_toplevel (KT_TYPE_SCHEME_EDITOR));

  saved = programme (fixture);
  scheme = g_ptr_array_index (saved->schemes, 0);
  g_assert_cmpint (scheme->kind, ==, KT_SCHEME_PROMOTION);
  g_assert_cmpuint (scheme->weekdays, ==, KT_WEEKDAY_BIT (G_DATE_SATURDAY)
                                          | KT_WEEKDAY_BIT (G_DATE_SUNDAY));
  g_assert_cmpint (scheme->points_multiplier_bp, ==, 20000);
  g_assert_cmpstr (scheme->valid_from, ==, "2026-06-01");
  g_assert_cmpstr (scheme->valid_to, ==, "2026-08-31");
  g_assert_cmpint (scheme->birthday_days, ==, -1);
  g_assert_true (list_shows (fixture, "Weekend double points"));
}

static void
test_combining_is_saved (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(KtProgramme) saved = NULL;

  add_fixed_scheme (fixture, "Staff card", "5");

  adw_combo_row_set_selected (child_of (fixture->view, KT_TYPE_SCHEMES_VIEW, "combine_row"),
                              KT_COMBINE_ADD);
  kt_test_wait_ms (50);
  gtk_spin_button_set_value (child_of (fixture->view, KT_TYPE_SCHEMES_VIEW, "cap_spin"), 12.5);
  kt_test_wait_ms (50);
  set_text (child_of (fixture->view, KT_TYPE_SCHEMES_VIEW, "new_limit_row"), "Tobacco");
  gtk_spin_button_set_value (child_of (fixture->view, KT_TYPE_SCHEMES_VIEW, "new_limit_spin"), 1);
  click (child_of (fixture->view, KT_TYPE_SCHEMES_VIEW, "add_limit_button"));

  saved = programme (fixture);
  g_assert_cmpint (saved->combine, ==, KT_COMBINE_ADD);
  g_assert_cmpint (saved->cap_bp, ==, 1250);
  g_assert_cmpuint (saved->limits->len, ==, 1);
  g_assert_cmpstr (g_array_index (saved->limits, KtCategoryLimit, 0).category, ==, "Tobacco");
  g_assert_cmpint (g_array_index (saved->limits, KtCategoryLimit, 0).max_bp, ==, 100);
  g_clear_pointer (&saved, kt_programme_free);

  /* Removing the maximum. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "schemes.remove-limit", "s", "Tobacco");
  kt_test_wait_ms (50);
  saved = programme (fixture);
  g_assert_cmpuint (saved->limits->len, ==, 0);
}

static void
test_delete_asks_first (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(KtProgramme) before = NULL;
  g_autoptr(KtProgramme) after = NULL;
  AdwMessageDialog *dialog;
  gint64 scheme_id;

  add_fixed_scheme (fixture, "Staff card", "5");
  before = programme (fixture);
  scheme_id = ((KtScheme *) g_ptr_array_index (before->schemes, 0))->id;

  /* Cancelled: still there. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "schemes.delete", "x", scheme_id);
  dialog = ADW_MESSAGE_DIALOG (kt_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Staff card"));
  respond (dialog, "cancel");
  g_clear_pointer (&before, kt_programme_free);
  before = programme (fixture);
  g_assert_cmpuint (before->schemes->len, ==, 1);

  /* Confirmed: gone, and the page invites to add a scheme again. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "schemes.delete", "x", scheme_id);
  dialog = ADW_MESSAGE_DIALOG (kt_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  respond (dialog, "delete");
  after = programme (fixture);
  g_assert_cmpuint (after->schemes->len, ==, 0);
  g_assert_cmpuint (n_rows_shown (fixture), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (child_of (fixture->view,
                                                               KT_TYPE_SCHEMES_VIEW, "stack")),
                   ==, "empty");
}

static void
test_scheme_files (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *bad_path = g_build_filename (fixture->reg.dir, "bad.ini", NULL);
  g_autofree char *good_path = g_build_filename (fixture->reg.dir, "good.ini", NULL);
  g_autofree char *saved_path = g_build_filename (fixture->reg.dir, "saved.ini", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KtProgramme) after = NULL;
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog;
  const char *bad_text =
    "[Programme]\n"
    "combine = best\n"
    "\n"
    "[Scheme Big]\n"
    "kind = fixed\n"
    "discount = 120 %\n";
  const char *good_text =
    "[Programme]\n"
    "combine = add\n"
    "cap = 15 %\n"
    "\n"
    "[Scheme Coffee card]\n"
    "kind = stamps\n"
    "categories = Coffee;Tea\n"
    "reward-5 = 3 %\n"
    "reward-7 = 5 %\n";

  add_fixed_scheme (fixture, "Staff card", "5");

  /* A bad file: its line and reason in a dialog, nothing changed. */
  g_assert_true (g_file_set_contents (bad_path, bad_text, -1, &error));
  kt_schemes_view_import_file (fixture->view, bad);
  kt_test_wait_ms (50);
  dialog = ADW_MESSAGE_DIALOG (kt_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "6"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "bad.ini"));
  respond (dialog, "close");
  after = programme (fixture);
  g_assert_cmpuint (after->schemes->len, ==, 1);
  g_assert_cmpstr (((KtScheme *) g_ptr_array_index (after->schemes, 0))->name, ==, "Staff card");
  g_clear_pointer (&after, kt_programme_free);

  /* A good file replaces the programme once the shop owner agrees. */
  g_assert_true (g_file_set_contents (good_path, good_text, -1, &error));
  kt_schemes_view_import_file (fixture->view, good);
  kt_test_wait_ms (50);
  dialog = ADW_MESSAGE_DIALOG (kt_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  respond (dialog, "replace");
  after = programme (fixture);
  g_assert_cmpuint (after->schemes->len, ==, 1);
  g_assert_cmpstr (((KtScheme *) g_ptr_array_index (after->schemes, 0))->name, ==, "Coffee card");
  g_assert_cmpint (after->combine, ==, KT_COMBINE_ADD);
  g_assert_true (list_shows (fixture, "Coffee card"));
  g_assert_false (list_shows (fixture, "Staff card"));

  /* Exported, the file reads back as the same programme. */
  kt_schemes_view_export_file (fixture->view, saved);
  g_assert_true (g_file_get_contents (saved_path, &text, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "[Scheme Coffee card]"));
  g_clear_pointer (&after, kt_programme_free);
  after = kt_scheme_file_load (saved_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->schemes->len, ==, 1);
  g_assert_cmpint (after->cap_bp, ==, 1500);

  g_remove (bad_path);
  g_remove (good_path);
  g_remove (saved_path);
}

int
main (int   argc,
      char *argv[])
{
  kt_test_gui_init (&argc, &argv, "the Schemes page tests");

  KT_TEST_ADD ("/gui-schemes/add-fixed-scheme", test_add_fixed_scheme);
  KT_TEST_ADD ("/gui-schemes/simulator-quotes-a-card", test_simulator_quotes_a_card);
  KT_TEST_ADD ("/gui-schemes/simulator-refuses-blocked-card", test_simulator_refuses_blocked_card);
  KT_TEST_ADD ("/gui-schemes/progressive-tiers", test_progressive_tiers);
  KT_TEST_ADD ("/gui-schemes/promotion-weekdays", test_promotion_weekdays);
  KT_TEST_ADD ("/gui-schemes/combining-is-saved", test_combining_is_saved);
  KT_TEST_ADD ("/gui-schemes/delete-asks-first", test_delete_asks_first);
  KT_TEST_ADD ("/gui-schemes/scheme-files", test_scheme_files);

  return g_test_run ();
}
