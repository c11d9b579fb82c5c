/* test-gui-balance.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Changing a member's balances by hand in the real main window: points
 * adjusted with a reason and the member pane's points history, refusals
 * that change nothing and keep the dialog open, and money loaded on the
 * gift card and paid out of it. Needs a display: run under xvfb-run;
 * without one the test is skipped (exit 77).
 */

#define G_LOG_DOMAIN "test-gui-balance"

#include "config.h"

#include <adwaita.h>

#include "core/kt-date.h"
#include "gui/kt-balance-dialog.h"
#include "gui/kt-window.h"
#include "store/kt-store-till.h"
#include "kt-test-gui.h"
#include "kt-test-util.h"

typedef struct
{
  KtTestRegister  reg;
  KtWindow       *window;
  KtStore        *store;          /* the window's */
  gint64          member_id;
  char           *currency;
} Fixture;

/* ---- what the screen shows ----------------------------------------------- */

static GtkWidget *
detail_pane (Fixture *fixture)
{
  return kt_test_get (GTK_WIDGET (fixture->window), kt_test_is_type_named, "KtMemberDetail");
}

static gboolean
is_shown_of_class (GtkWidget  *widget,
                   const char *css_class)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, css_class);
}

static const char *
text_of_class (GtkWidget  *root,
               const char *css_class)
{
  return kt_test_label_text (root, kt_test_is_shown_label_of_class, css_class);
}

/* The usable points in large print at the top of the pane. */
static const char *
pane_points (Fixture *fixture)
{
  return text_of_class (detail_pane (fixture), "points-value");
}

/* The newest row of the pane's points history, or NULL. */
static GtkWidget *
first_points_row (Fixture *fixture)
{
  return kt_test_find (detail_pane (fixture), is_shown_of_class, "points-entry");
}

static guint
count_of_class (GtkWidget  *root,
                const char *css_class)
{
  guint count = is_shown_of_class (root, css_class) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count += count_of_class (child, css_class);
  return count;
}

/* The refusal at the top of a dialog, or NULL when there is none. */
static const char *
dialog_refusal (GtkWidget *dialog)
{
  GtkWidget *notice = kt_test_find (dialog, is_shown_of_class, "card-notice");

  if (notice == NULL)
    return NULL;
  return gtk_label_get_text (GTK_LABEL (kt_test_get (notice, kt_test_is_type_named, "GtkLabel")));
}

/* Whether the label with the CSS class in `root` shows the amount in the
 * register's currency. */
static gboolean
shows_money (Fixture    *fixture,
             GtkWidget  *root,
             const char *css_class,
             KtMoney     amount)
{
  g_autofree char *expected = kt_money_format_currency (amount, fixture->currency);

  return g_strcmp0 (text_of_class (root, css_class), expected) == 0;
}

/* The pane's newest points history row says `title` and `change`, in
 * green when it adds points. */
static void
assert_first_points_row (Fixture    *fixture,
                         const char *title,
                         const char *change)
{
  GtkWidget *row = first_points_row (fixture);
  GtkWidget *points;

  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
  points = kt_test_get (row, kt_test_is_shown_label_of_class, "points-change");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (points)), ==, change);
  g_assert_true (gtk_widget_has_css_class (points, "success") == (change[0] == '+'));
}

/* Opens the balance dialog of the member on show with `action` and types
 * the change (and the reason, unless NULL) into it. */
static GtkWidget *
open_with_change (Fixture    *fixture,
                  const char *action,
                  const char *change,
                  const char *reason)
{
  GtkWidget *dialog = kt_test_open_dialog (fixture->window, action, NULL,
                                           KT_TYPE_BALANCE_DIALOG);
  gboolean points = g_str_equal (action, "win.adjust-points");

  kt_test_fill_in (dialog, points ? "Points" : "Amount", change);
  if (reason != NULL)
    kt_test_fill_in (dialog, points ? "Reason" : "Reason (Optional)", reason);
  return dialog;
}

/* Clicks `button`, which the register refuses: the dialog stays, saying
 * why in words that hold `words`. */
static void
assert_refused (GtkWidget  *dialog,
                const char *button,
                const char *words)
{
  const char *refusal;

  kt_test_click (dialog, button);
  g_assert_true (kt_test_find_toplevel (KT_TYPE_BALANCE_DIALOG) == dialog);
  refusal = dialog_refusal (dialog);
  g_assert_nonnull (refusal);
  g_assert_nonnull (strstr (refusal, words));
}

/* Clicks `button`, and the change is made: the dialog closes. */
static void
assert_done (GtkWidget  *dialog,
             const char *button)
{
  kt_test_click (dialog, button);
  g_assert_null (kt_test_find_toplevel (KT_TYPE_BALANCE_DIALOG));
}

/* ---- what the register holds --------------------------------------------- */

static KtMemberStanding *
standing_of (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  KtMemberStanding *standing;

  standing = kt_store_member_standing (fixture->store, fixture->member_id, NULL, &error);
  g_assert_no_error (error);
  return standing;
}

static guint
points_history_length (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  entries = kt_store_member_points_history (fixture->store, fixture->member_id, 0, 100, &error);
  g_assert_no_error (error);
  return entries->len;
}

/* The position in the history `list` of the row titled `title`, which
 * must be there and show `change`. */
static int
points_row_index (GtkWidget  *list,
                  const char *title,
                  const char *change)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title))
      {
        g_assert_cmpstr (text_of_class (GTK_WIDGET (row), "points-change"), ==, change);
        return i;
      }

  g_error ("No row of the points history says “%s”", title);
}

/* Changes the member's points straight in the register, as another till
 * would. */
static void
give_points (Fixture    *fixture,
             gint64      points,
             const char *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kt_store_points_adjust (fixture->store, fixture->member_id, points, reason,
                                         &error));
  g_assert_no_error (error);
}

/* Nothing changed: the member still has `points`, in the register and on
 * screen, and `rows` rows of points history. */
static void
assert_points_unchanged (Fixture *fixture,
                         gint64   points,
                         guint    rows)
{
  g_autoptr(KtMemberStanding) standing = standing_of (fixture);
  g_autofree char *shown = g_strdup_printf ("%lld", (long long) points);

  g_assert_cmpint (standing->points_usable + standing->points_pending, ==, points);
  g_assert_cmpuint (points_history_length (fixture), ==, rows);
  g_assert_cmpstr (pane_points (fixture), ==, shown);
}

/* ---- fixture ------------------------------------------------------------- */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  kt_test_register_open (&fixture->reg);
  fixture->member_id = kt_test_add_member (fixture->reg.store, "Bella Balance", "", "");
  g_free (kt_test_issue_card (fixture->reg.store, fixture->member_id));
  fixture->currency = kt_store_get_setting (fixture->reg.store, KT_SETTING_CURRENCY);

  fixture->window = kt_test_window_open (&fixture->reg);
  fixture->store = kt_window_get_store (fixture->window);
  kt_window_show_member (fixture->window, fixture->member_id);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  kt_test_window_close (&fixture->window, &fixture->reg);
  g_clear_pointer (&fixture->currency, g_free);
}

/* ---- tests --------------------------------------------------------------- */

static void
test_adjust_points (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(KtMemberStanding) standing = NULL;
  GtkWidget *dialog;

  g_assert_cmpstr (pane_points (fixture), ==, "0");
  g_assert_null (first_points_row (fixture));

  /* The balance it will leave shows before anything is done. */
  dialog = open_with_change (fixture, "win.adjust-points", "+250", "Birthday gift");
  g_assert_cmpstr (text_of_class (dialog, "balance-after"), ==, "250 points");
  assert_done (dialog, "_Adjust");

  standing = standing_of (fixture);
  g_assert_cmpint (standing->points_usable, ==, 250);

  /* The pane at once: the usable points and the history's newest row. */
  g_assert_cmpstr (pane_points (fixture), ==, "250");
  assert_first_points_row (fixture, "Adjusted: Birthday gift", "+250");

  /* Taking some back, with the minus sign the window itself shows. */
  dialog = open_with_change (fixture, "win.adjust-points", "−50", "Counted twice");
  g_assert_cmpstr (text_of_class (dialog, "balance-after"), ==, "200 points");
  assert_done (dialog, "_Adjust");

  g_assert_cmpstr (pane_points (fixture), ==, "200");
  assert_first_points_row (fixture, "Adjusted: Counted twice", "−50");
  g_assert_cmpuint (points_history_length (fixture), ==, 2);
}

static void
test_points_without_reason_refused (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  GtkWidget *dialog;

  dialog = open_with_change (fixture, "win.adjust-points", "250", NULL);
  g_assert_null (dialog_refusal (dialog));
  assert_refused (dialog, "_Adjust", "reason");
  assert_points_unchanged (fixture, 0, 0);

  /* Nor a number that is not one, or no points at all. */
  kt_test_fill_in (dialog, "Reason", "Goodwill");
  kt_test_fill_in (dialog, "Points", "12.5");
  g_assert_cmpstr (text_of_class (dialog, "balance-after"), ==, "—");
  g_assert_nonnull (strstr (text_of_class (dialog, "dialog-error"), "whole number"));
  assert_refused (dialog, "_Adjust", "whole number");
  kt_test_fill_in (dialog, "Points", "0");
  assert_refused (dialog, "_Adjust", "at least one point");
  assert_points_unchanged (fixture, 0, 0);
}

static void
test_taking_more_than_there_is_refused (Fixture       *fixture,
                                        gconstpointer  user_data)
{
  GtkWidget *dialog;

  give_points (fixture, 300, "Welcome gift");
  kt_window_show_member (fixture->window, fixture->member_id);
  g_assert_cmpstr (pane_points (fixture), ==, "300");

  dialog = open_with_change (fixture, "win.adjust-points", "-10000", "Mistake at the till");
  g_assert_cmpstr (text_of_class (dialog, "balance-current"), ==, "300 points");
  g_assert_true (gtk_widget_has_css_class (kt_test_get (dialog, kt_test_is_shown_label_of_class,
                                                        "balance-after"),
                                           "error"));
  assert_refused (dialog, "_Adjust", "300");
  assert_points_unchanged (fixture, 300, 1);
}

static void
test_gift_card (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(KtMemberStanding) loaded = NULL;
  g_autoptr(KtMemberStanding) paid_out = NULL;
  GtkWidget *pane = detail_pane (fixture);
  GtkWidget *dialog;

  g_assert_null (kt_test_find (pane, kt_test_is_shown_row_titled, "Gift card balance"));

  dialog = open_with_change (fixture, "win.gift-card", "25.00", NULL);
  g_assert_true (shows_money (fixture, dialog, "balance-after", 2500));
  assert_done (dialog, "_Load");

  loaded = standing_of (fixture);
  g_assert_cmpint (loaded->gift_balance, ==, 2500);
  g_assert_true (shows_money (fixture, kt_test_get (pane, kt_test_is_shown_row_titled,
                                                    "Gift card balance"),
                              "row-value", 2500));

  /* Paying out more than the card holds is refused; less is paid. */
  dialog = open_with_change (fixture, "win.gift-card", "-30", NULL);
  assert_refused (dialog, "_Pay Out", "25.00");
  kt_test_fill_in (dialog, "Amount", "-10");
  kt_test_fill_in (dialog, "Reason (Optional)", "Customer asked for it");
  g_assert_true (shows_money (fixture, dialog, "balance-after", 1500));
  assert_done (dialog, "_Pay Out");

  paid_out = standing_of (fixture);
  g_assert_cmpint (paid_out->gift_balance, ==, 1500);
  g_assert_true (shows_money (fixture, kt_test_get (pane, kt_test_is_shown_row_titled,
                                                    "Gift card balance"),
                              "row-value", 1500));
}

/* A purchase's points and its refund, in words the shop owner reads. */
static void
test_purchase_and_refund_in_history (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtRefund) refund = NULL;
  g_autofree char *at = kt_datetime_now ();
  g_autofree char *earned = NULL;
  g_autofree char *redeemed = NULL;
  g_autofree char *reversed = NULL;
  g_autofree char *added = NULL;
  KtPurchaseInput input = { 10000, at, 0, NULL, 200, FALSE };
  KtScheme *points = kt_scheme_new (KT_SCHEME_POINTS);
  GtkWidget *list;
  gint64 purchase_id;

  /* 1 % back as points, which may pay up to half a purchase. */
  kt_member_set_string (&points->name, "Bonus points");
  points->earn_bp = 100;
  points->max_share_bp = 5000;
  g_assert_true (kt_store_scheme_save (fixture->store, points, &error));
  g_assert_no_error (error);
  kt_scheme_free (points);

  give_points (fixture, 500, "Welcome gift");
  purchase_id = kt_store_purchase_record (fixture->store, fixture->member_id, NULL, &input,
                                          NULL, NULL, &error);
  g_assert_no_error (error);
  refund = kt_store_purchase_refund (fixture->store, purchase_id, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (refund->points_restored, ==, 200);
  g_assert_cmpint (refund->points_reversed, >, 0);
  reversed = g_strdup_printf ("−%lld", (long long) refund->points_reversed);
  added = g_strdup_printf ("+%lld", (long long) refund->points_reversed);

  kt_window_show_member (fixture->window, fixture->member_id);
  g_assert_cmpstr (pane_points (fixture), ==, "500");

  /* Newest first: the refund's two rows, then the purchase's, then the
   * gift; each says what happened. */
  list = gtk_widget_get_parent (first_points_row (fixture));
  g_assert_cmpuint (count_of_class (list, "points-entry"), ==, 5);
  earned = g_strdup_printf ("Earned on purchase %lld", (long long) purchase_id);
  redeemed = g_strdup_printf ("Redeemed on purchase %lld", (long long) purchase_id);

  g_assert_cmpint (points_row_index (list, "Given back by a refund", "+200"), <, 2);
  g_assert_cmpint (points_row_index (list, "Taken back by a refund", reversed), <, 2);
  g_assert_cmpint (points_row_index (list, redeemed, "−200"), >=, 2);
  g_assert_cmpint (points_row_index (list, earned, added), >=, 2);
  g_assert_cmpint (points_row_index (list, "Adjusted: Welcome gift", "+500"), ==, 4);
}

/* Like the purchases, the points history comes fifty rows at a time. */
static void
test_points_history_pages (Fixture       *fixture,
                           gconstpointer  user_data)
{
  GtkWidget *pane, *dialog;

  for (int i = 1; i <= 51; i++)
    {
      g_autofree char *reason = g_strdup_printf ("Correction %d", i);

      give_points (fixture, i, reason);
    }

  kt_window_show_member (fixture->window, fixture->member_id);
  pane = detail_pane (fixture);
  g_assert_cmpuint (count_of_class (pane, "points-entry"), ==, 50);
  assert_first_points_row (fixture, "Adjusted: Correction 51", "+51");

  /* The purchases have none to show; the points have one more. */
  kt_test_click (pane, "Show _More");
  g_assert_cmpuint (count_of_class (pane, "points-entry"), ==, 51);
  g_assert_null (kt_test_find (pane, kt_test_is_button_labelled, "Show _More"));

  /* A change keeps as many on show, the newest first. */
  dialog = open_with_change (fixture, "win.adjust-points", "-1", "Rounding");
  assert_done (dialog, "_Adjust");
  g_assert_cmpuint (count_of_class (pane, "points-entry"), ==, 51);
  assert_first_points_row (fixture, "Adjusted: Rounding", "−1");
  g_assert_nonnull (kt_test_find (pane, kt_test_is_button_labelled, "Show _More"));
}

int
main (int   argc,
      char *argv[])
{
  kt_test_gui_init (&argc, &argv, "the balance tests");

  KT_TEST_ADD ("/gui-balance/adjust-points", test_adjust_points);
  KT_TEST_ADD ("/gui-balance/points-without-reason-refused", test_points_without_reason_refused);
  KT_TEST_ADD ("/gui-balance/taking-more-than-there-is-refused",
               test_taking_more_than_there_is_refused);
  KT_TEST_ADD ("/gui-balance/gift-card", test_gift_card);
  KT_TEST_ADD ("/gui-balance/points-history-pages", test_points_history_pages);
  KT_TEST_ADD ("/gui-balance/purchase-and-refund-in-history",
               test_purchase_and_refund_in_history);

  return g_test_run ();
}
