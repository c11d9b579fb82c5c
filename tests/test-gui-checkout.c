/* test-gui-checkout.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The till in the real main window: the checkout dialog driven the way a
 * cashier (and a barcode scanner) drives it, the quote it shows, the
 * purchase in the member's history and balance at once, refusals that
 * record nothing, and a refund from the history. Needs a display: run
 * under xvfb-run; without one the test is skipped (exit 77).
 */

#define G_LOG_DOMAIN "test-gui-checkout"

#include "config.h"

#include <adwaita.h>

#include "core/kt-date.h"
#include "gui/kt-checkout-dialog.h"
#include "gui/kt-purchase-row.h"
#include "gui/kt-quote-view.h"
#include "gui/kt-refund-dialog.h"
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
  char           *card;
  gint64          blocked_id;
  char           *blocked_card;
} Fixture;

/* The right-hand (figure) label of a receipt line of the quote. */
static gboolean
is_shown_figure_of_class (GtkWidget  *widget,
                          const char *css_class)
{
  return kt_test_is_shown_label_of_class (widget, css_class) &&
         gtk_widget_has_css_class (widget, "numeric");
}

/* The text of the label with the CSS class that `root` shows. */
static const char *
text_of_class (GtkWidget  *root,
               const char *css_class)
{
  return kt_test_label_text (root, kt_test_is_shown_label_of_class, css_class);
}

/* The figure of the quote's receipt line with the CSS class. */
static const char *
figure_of_class (GtkWidget  *dialog,
                 const char *css_class)
{
  return kt_test_label_text (dialog, is_shown_figure_of_class, css_class);
}

/* A scanner types the digits, then Enter. */
static void
scan_into (GtkWidget  *dialog,
           const char *number)
{
  GtkWidget *row = kt_test_get (dialog, kt_test_is_entry_row_titled, "Card Number");

  gtk_editable_set_text (GTK_EDITABLE (row), number);
  g_signal_emit_by_name (row, "entry-activated");
  kt_test_wait_ms (50);
}

static gboolean
confirm_is_offered (GtkWidget *dialog)
{
  return gtk_widget_get_sensitive (kt_test_get (dialog, kt_test_is_button_labelled, "C_onfirm"));
}

static GtkWidget *
detail_pane (Fixture *fixture)
{
  return kt_test_get (GTK_WIDGET (fixture->window), kt_test_is_type_named, "KtMemberDetail");
}

/* The first row of the member's purchase history on screen. */
static KtPurchaseRow *
first_history_row (Fixture *fixture)
{
  GtkWidget *row = kt_test_find (detail_pane (fixture), kt_test_is_type_named, "KtPurchaseRow");

  g_assert_nonnull (row);
  return KT_PURCHASE_ROW (row);
}

/* Keeps `text` for the next few calls, so that an assertion can compare
 * with it in place. */
static const char *
kept (char *text)
{
  static char *texts[8];
  static guint next;
  char **slot = &texts[next++ % G_N_ELEMENTS (texts)];

  g_free (*slot);
  *slot = text;
  return text;
}

/* Money as the screen shows it in the register's currency (EUR). */
static const char *
money (KtMoney amount)
{
  return kept (kt_money_format_currency (amount, "EUR"));
}

static const char *
deduction (KtMoney amount)
{
  return kept (g_strconcat ("−", money (amount), NULL));
}

static GPtrArray *
purchases_of (Fixture *fixture,
              gint64   member_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *purchases = kt_store_member_purchases (fixture->store, member_id, 0, 10, &error);

  g_assert_no_error (error);
  return purchases;
}

/* ---- fixture ------------------------------------------------------------- */

static void
save_scheme (KtStore  *store,
             KtScheme *scheme)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kt_store_scheme_save (store, scheme, &error));
  g_assert_no_error (error);
  kt_scheme_free (scheme);
}

/* Everyone gets 5 %, and 1 % of what they pay back as points. */
static void
save_programme (KtStore *store)
{
  KtScheme *fixed = kt_scheme_new (KT_SCHEME_FIXED);
  KtScheme *points = kt_scheme_new (KT_SCHEME_POINTS);

  kt_member_set_string (&fixed->name, "Members");
  fixed->bp = 500;
  save_scheme (store, fixed);

  kt_member_set_string (&points->name, "Bonus points");
  points->earn_bp = 100;
  points->expiry_months = 12;
  points->max_share_bp = 5000;
  save_scheme (store, points);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  KtStore *store;

  kt_test_register_open (&fixture->reg);
  store = fixture->reg.store;

  save_programme (store);
  fixture->member_id = kt_test_add_member (store, "Petra Purchase", "", "");
  fixture->card = kt_test_issue_card (store, fixture->member_id);
  fixture->blocked_id = kt_test_add_member (store, "Barnabás Blockley", "", "");
  fixture->blocked_card = kt_test_issue_blocked_card (store, fixture->blocked_id);

  fixture->window = kt_test_window_open (&fixture->reg);
  fixture->store = kt_window_get_store (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  kt_test_window_close (&fixture->window, &fixture->reg);
  g_clear_pointer (&fixture->card, g_free);
  g_clear_pointer (&fixture->blocked_card, g_free);
}

/* ---- tests --------------------------------------------------------------- */

static void
test_records_a_purchase (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GPtrArray) purchases = NULL;
  g_autofree char *points_before = NULL;
  const KtPurchase *purchase;
  GtkWidget *dialog;

  kt_window_show_member (fixture->window, fixture->member_id);
  points_before = g_strdup (text_of_class (detail_pane (fixture), "points-value"));
  g_assert_cmpstr (points_before, ==, "0");

  /* The till's shortcut opens it without a member: the card decides. */
  dialog = kt_test_open_dialog (fixture->window, "win.checkout", NULL, KT_TYPE_CHECKOUT_DIALOG);
  g_assert_false (confirm_is_offered (dialog));

  scan_into (dialog, fixture->card);
  kt_test_fill_in (dialog, "Amount", "100.00");

  /* The quote as the cashier reads it. */
  g_assert_cmpstr (figure_of_class (dialog, "quote-line"), ==, deduction (500));
  g_assert_cmpstr (figure_of_class (dialog, "quote-payable"), ==, money (9500));
  g_assert_nonnull (strstr (text_of_class (dialog, "quote-line"), "Members 5"));
  g_assert_true (confirm_is_offered (dialog));

  kt_test_click (dialog, "C_onfirm");
  g_assert_null (kt_test_find_toplevel (KT_TYPE_CHECKOUT_DIALOG));

  /* In the register... */
  purchases = purchases_of (fixture, fixture->member_id);
  g_assert_cmpuint (purchases->len, ==, 1);
  purchase = g_ptr_array_index (purchases, 0);
  g_assert_cmpint (purchase->amount, ==, 10000);
  g_assert_cmpint (purchase->discount, ==, 500);
  g_assert_cmpint (purchase->paid, ==, 9500);
  g_assert_cmpint (purchase->points_earned, ==, 95);
  g_assert_cmpstr (purchase->card_number, ==, fixture->card);

  /* ...and on screen at once: the history's first row, the points. */
  g_assert_cmpint (kt_window_get_detail_member_id (fixture->window), ==, fixture->member_id);
  g_assert_cmpstr (text_of_class (GTK_WIDGET (first_history_row (fixture)), "heading"), ==,
                   money (9500));
  g_assert_cmpstr (text_of_class (detail_pane (fixture), "points-value"), ==, "95");
}

static void
test_member_pane_preselects_and_redeems (Fixture       *fixture,
                                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) purchases = NULL;
  const KtPurchase *purchase;
  GtkWidget *dialog;

  g_assert_true (kt_store_points_adjust (fixture->store, fixture->member_id, 10000,
                                         "Welcome gift", &error));
  g_assert_no_error (error);

  /* The pane's button: the member on show is buying, no scan needed. */
  kt_window_show_member (fixture->window, fixture->member_id);
  dialog = kt_test_open_dialog (fixture->window, "win.checkout-member", NULL,
                                KT_TYPE_CHECKOUT_DIALOG);
  kt_test_fill_in (dialog, "Amount", "100.00");
  g_assert_cmpstr (figure_of_class (dialog, "quote-payable"), ==, money (9500));

  /* At most half of 95.00 may be paid with points. */
  kt_test_click (dialog, "Use _All");
  g_assert_cmpstr (figure_of_class (dialog, "quote-redeemed"), ==, deduction (4750));
  g_assert_cmpstr (figure_of_class (dialog, "quote-payable"), ==, money (4750));

  kt_test_click (dialog, "C_onfirm");
  g_assert_null (kt_test_find_toplevel (KT_TYPE_CHECKOUT_DIALOG));

  purchases = purchases_of (fixture, fixture->member_id);
  g_assert_cmpuint (purchases->len, ==, 1);
  purchase = g_ptr_array_index (purchases, 0);
  g_assert_cmpint (purchase->points_redeemed, ==, 4750);
  g_assert_cmpint (purchase->paid, ==, 4750);
}

static void
test_refusals_record_nothing (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(GPtrArray) blocked = NULL;
  g_autofree char *wrong_digit = g_strdup (fixture->card);
  int last = (int) strlen (wrong_digit) - 1;
  const char *message;
  GtkWidget *dialog;

  dialog = kt_test_open_dialog (fixture->window, "win.checkout", NULL, KT_TYPE_CHECKOUT_DIALOG);

  /* A blocked card is refused with its state; no member, no quote. */
  scan_into (dialog, fixture->blocked_card);
  message = text_of_class (dialog, "dialog-error");
  g_assert_nonnull (strstr (message, fixture->blocked_card));
  g_assert_nonnull (strstr (message, "blocked"));
  kt_test_fill_in (dialog, "Amount", "100.00");
  g_assert_false (confirm_is_offered (dialog));
  kt_test_click (dialog, "C_onfirm");

  /* One digit off: the check digit catches it. */
  wrong_digit[last] = (char) ('0' + (wrong_digit[last] - '0' + 1) % 10);
  scan_into (dialog, wrong_digit);
  g_assert_nonnull (strstr (text_of_class (dialog, "dialog-error"), "check digit"));
  g_assert_false (confirm_is_offered (dialog));

  /* The right card, a negative amount: refused with a message. */
  scan_into (dialog, fixture->card);
  g_assert_null (kt_test_find (dialog, kt_test_is_shown_label_of_class, "dialog-error"));
  kt_test_fill_in (dialog, "Amount", "-5");
  g_assert_nonnull (strstr (text_of_class (dialog, "quote-refusal-text"), "negative"));
  g_assert_false (confirm_is_offered (dialog));

  /* Enter in the amount field does nothing either. */
  g_signal_emit_by_name (kt_test_get (dialog, kt_test_is_entry_row_titled, "Amount"),
                         "entry-activated");
  kt_test_wait_ms (50);
  g_assert_true (kt_test_find_toplevel (KT_TYPE_CHECKOUT_DIALOG) == dialog);

  mine = purchases_of (fixture, fixture->member_id);
  blocked = purchases_of (fixture, fixture->blocked_id);
  g_assert_cmpuint (mine->len, ==, 0);
  g_assert_cmpuint (blocked->len, ==, 0);
}

/* A stamp card's smaller reward waits while the member collects on; the
 * checkout offers it, and taking it gives its discount and uses the
 * stamps. */
static void
test_stamp_reward_on_request (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) purchases = NULL;
  g_autoptr(KtMemberStanding) standing = NULL;
  KtScheme *stamps = kt_scheme_new (KT_SCHEME_STAMPS);
  GtkWidget *dialog, *category;
  g_autofree char *at = kt_datetime_now ();
  KtPurchaseInput coffee = { 300, at, 1, "Coffee", 0, FALSE };

  /* 3 stamps give 10 %, 5 give 20 %: better than the 5 % everyone gets. */
  kt_member_set_string (&stamps->name, "Coffee card");
  stamps->stamp_categories = g_strsplit ("Coffee", ";", -1);
  kt_scheme_add_stamp_reward (stamps, 3, 1000);
  kt_scheme_add_stamp_reward (stamps, 5, 2000);
  save_scheme (fixture->store, stamps);
  for (int i = 0; i < 3; i++)
    g_assert_cmpint (kt_store_purchase_record (fixture->store, fixture->member_id, NULL, &coffee,
                                               NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  dialog = kt_test_open_dialog (fixture->window, "win.checkout", NULL, KT_TYPE_CHECKOUT_DIALOG);
  if (dialog == NULL)
    g_error ("The checkout did not open");
  scan_into (dialog, fixture->card);
  kt_test_fill_in (dialog, "Amount", "100.00");
  category = kt_test_get (dialog, kt_test_is_type_named, "GtkEntry");
  gtk_editable_set_text (GTK_EDITABLE (category), "Coffee");
  kt_test_wait_ms (50);

  /* Collecting on: the everyday 5 %, and the reward offered. */
  g_assert_cmpstr (figure_of_class (dialog, "quote-payable"), ==, money (9500));
  g_assert_nonnull (kt_test_find (dialog, kt_test_is_shown_row_titled, "Stamp Card Reward Now"));
  gtk_switch_set_active (GTK_SWITCH (kt_test_get (dialog, kt_test_is_type_named, "GtkSwitch")),
                         TRUE);
  kt_test_wait_ms (50);
  g_assert_cmpstr (figure_of_class (dialog, "quote-payable"), ==, money (9000));
  g_assert_nonnull (strstr (text_of_class (dialog, "quote-line"), "Coffee card"));

  kt_test_click (dialog, "C_onfirm");
  purchases = purchases_of (fixture, fixture->member_id);
  g_assert_cmpint (((KtPurchase *) purchases->pdata[0])->discount, ==, 1000);
  standing = kt_store_member_standing (fixture->store, fixture->member_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (standing->progress->pdata[0], ==, "Coffee card: 0 stamps");
}

static void
test_refund_from_the_history (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) purchases = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(KtPurchase) stored = NULL;
  g_autofree char *at = kt_datetime_now ();
  KtPurchaseInput input = { 10000, at, 0, NULL, 0, FALSE };
  const KtPurchaseLine *line;
  KtPurchaseRow *row;
  GtkWidget *list;
  GtkWidget *dialog;
  gint64 purchase_id;

  purchase_id = kt_store_purchase_record (fixture->store, fixture->member_id, NULL, &input, NULL,
                                          NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (purchase_id, >, 0);

  /* Opening the purchase shows the reasons its discount was given. */
  kt_window_show_member (fixture->window, fixture->member_id);
  row = first_history_row (fixture);
  list = gtk_widget_get_parent (GTK_WIDGET (row));
  g_signal_emit_by_name (list, "row-activated", row);
  kt_test_wait_ms (400);
  stored = kt_store_purchase_get (fixture->store, purchase_id, &lines, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 1);
  line = g_ptr_array_index (lines, 0);
  g_assert_cmpstr (text_of_class (GTK_WIDGET (row), "purchase-line"), ==, line->reason);

  /* Part of it comes back. */
  kt_test_click (GTK_WIDGET (row), "_Refund…");
  dialog = kt_test_find_toplevel (KT_TYPE_REFUND_DIALOG);
  g_assert_nonnull (dialog);
  kt_test_fill_in (dialog, "Amount Before Discount", "40.00");

  /* What goes back is shown before it is done: 40.00 less its 5 %. */
  g_assert_cmpstr (text_of_class (kt_test_get (dialog, kt_test_is_shown_row_titled, "Money back"),
                                  "row-value"), ==, money (3800));
  g_assert_cmpstr (text_of_class (kt_test_get (dialog, kt_test_is_shown_row_titled,
                                               "Discount taken back"),
                                  "row-value"), ==, money (200));
  kt_test_click (dialog, "_Refund");
  g_assert_null (kt_test_find_toplevel (KT_TYPE_REFUND_DIALOG));

  purchases = purchases_of (fixture, fixture->member_id);
  g_assert_cmpint (((KtPurchase *) g_ptr_array_index (purchases, 0))->refunded, ==, 4000);

  /* The history says so at once. */
  row = first_history_row (fixture);
  g_assert_nonnull (strstr (text_of_class (GTK_WIDGET (row), "caption"), money (4000)));
  g_assert_cmpstr (text_of_class (GTK_WIDGET (row), "refunded"), ==, "Partly refunded");

  /* More than is left is refused, and the dialog stays open. */
  row = first_history_row (fixture);
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (row)), "row-activated", row);
  kt_test_wait_ms (400);
  kt_test_click (GTK_WIDGET (row), "_Refund…");
  dialog = kt_test_find_toplevel (KT_TYPE_REFUND_DIALOG);
  kt_test_fill_in (dialog, "Amount Before Discount", "70.00");
  g_assert_false (gtk_widget_get_sensitive (kt_test_get (dialog, kt_test_is_button_labelled,
                                                         "_Refund")));
  kt_test_click (dialog, "_Refund");
  g_assert_true (kt_test_find_toplevel (KT_TYPE_REFUND_DIALOG) == dialog);
  g_clear_pointer (&purchases, g_ptr_array_unref);
  purchases = purchases_of (fixture, fixture->member_id);
  g_assert_cmpint (((KtPurchase *) g_ptr_array_index (purchases, 0))->refunded, ==, 4000);
}

int
main (int   argc,
      char *argv[])
{
  kt_test_gui_init (&argc, &argv, "the checkout tests");

  KT_TEST_ADD ("/gui-checkout/records-a-purchase", test_records_a_purchase);
  KT_TEST_ADD ("/gui-checkout/member-pane-preselects-and-redeems",
               test_member_pane_preselects_and_redeems);
  KT_TEST_ADD ("/gui-checkout/refusals-record-nothing", test_refusals_record_nothing);
  KT_TEST_ADD ("/gui-checkout/refund-from-the-history", test_refund_from_the_history);
  KT_TEST_ADD ("/gui-checkout/stamp-reward-on-request", test_stamp_reward_on_request);

  return g_test_run ();
}
