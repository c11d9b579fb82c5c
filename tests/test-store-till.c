/* test-store-till.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The programme in the register: schemes kept and imported, quotes from
 * the stored counters, purchases recorded with their lines and ledger
 * rows, refunds in full and in part, points with activation, expiry and
 * oldest-first redemption, gift cards. Every test ends with the register
 * check finding nothing, so counters always equal their history.
 *
 * Dates are relative to today: the store writes off points as of the real
 * day, so fixed dates would age.
 */

#define G_LOG_DOMAIN "test-store-till"

#include "config.h"

#include <glib.h>
#include <locale.h>

#include "core/kt-date.h"
#include "core/kt-scheme-file.h"
#include "kt-test-util.h"
#include "store/kt-store-till.h"

typedef KtTestRegister Fixture;

/* ---- helpers ------------------------------------------------------------- */

/* "YYYY-MM-DD HH:MM:SS", `days` from today (negative: ago). */
static char *
at_day (int         days,
        const char *time)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);
  g_autofree char *day = g_date_time_format (then, "%Y-%m-%d");

  return g_strdup_printf ("%s %s", day, time);
}

static void
import (Fixture    *f,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtProgramme) programme = kt_scheme_file_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (kt_store_programme_import (f->store, programme, &error));
  g_assert_no_error (error);
}

static void
assert_clean (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autofree char *integrity = NULL;

  g_assert_true (kt_store_check (f->store, &integrity, &differences, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (integrity, ==, "ok");
  for (guint i = 0; i < differences->len; i++)
    {
      KtCheckDifference *d = differences->pdata[i];

      g_printerr ("member %lld %s: stored %s, history %s\n", (long long) d->member_id,
                  d->what, d->stored, d->computed);
    }
  g_assert_cmpuint (differences->len, ==, 0);
}

static KtPurchaseInput
input (KtMoney     amount,
       const char *at)
{
  KtPurchaseInput purchase = { 0 };

  purchase.amount = amount;
  purchase.at = at;
  purchase.items = 1;
  return purchase;
}

static KtQuote *
quote (Fixture                *f,
       gint64                  member,
       const KtPurchaseInput  *purchase)
{
  g_autoptr(GError) error = NULL;
  KtQuote *result = kt_store_quote (f->store, member, purchase, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static gint64
buy (Fixture                *f,
     gint64                  member,
     const KtPurchaseInput  *purchase,
     KtQuote               **out_quote)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtQuote) shown = quote (f, member, purchase);
  gint64 id = kt_store_purchase_record (f->store, member, NULL, purchase, shown,
                                        out_quote, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
buy_simple (Fixture    *f,
            gint64      member,
            KtMoney     amount,
            int         days,
            const char *time)
{
  g_autofree char *at = at_day (days, time);
  KtPurchaseInput purchase = input (amount, at);

  return buy (f, member, &purchase, NULL);
}

static KtMember *
member_get (Fixture *f,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  KtMember *member = kt_store_member_get (f->store, id, &error);

  g_assert_no_error (error);
  return member;
}

static KtMemberStanding *
standing (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  KtMemberStanding *result = kt_store_member_standing (f->store, id, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static const char tiers_file[] =
  "[Programme]\n"
  "combine = best\n"
  "[Scheme Tiers]\n"
  "kind = progressive\n"
  "period = all time\n"
  "tier-Bronze = 500.00 : 1 %\n"
  "tier-Silver = 800.00 : 2 %\n";

/* ---- the programme ------------------------------------------------------- */

static void
test_programme_keeps_schemes (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtScheme) vip = kt_scheme_new (KT_SCHEME_FIXED);
  g_autoptr(KtScheme) twin = kt_scheme_new (KT_SCHEME_FIXED);
  g_autoptr(KtProgramme) programme = NULL;
  KtCategoryLimit limits[] = { { "Food", 500 } };
  KtQuoteSettings settings = { KT_COMBINE_ADD, 1500, limits, 1 };
  KtQuoteSettings bad = { KT_COMBINE_ADD, 12000, NULL, 0 };
  gint64 vip_id;

  vip->name = g_strdup ("VIP card");
  vip->bp = 500;
  g_assert_true (kt_store_scheme_save (f->store, vip, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vip->id, >, 0);
  vip_id = vip->id;

  /* A second scheme with the same name (as a scheme file reads names,
   * whatever the case) is refused, and nothing saved. */
  twin->name = g_strdup ("Vip Card");
  twin->bp = 300;
  g_assert_false (kt_store_scheme_save (f->store, twin, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (twin->id, ==, 0);

  /* An invalid one too. */
  vip->bp = 20000;
  g_assert_false (kt_store_scheme_save (f->store, vip, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (kt_store_quote_settings_save (f->store, &settings, &error));
  g_assert_no_error (error);
  g_assert_false (kt_store_quote_settings_save (f->store, &bad, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  programme = kt_store_programme_get (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (programme->schemes->len, ==, 1);
  g_assert_cmpint (((KtScheme *) programme->schemes->pdata[0])->id, ==, vip_id);
  g_assert_cmpint (((KtScheme *) programme->schemes->pdata[0])->bp, ==, 500);
  g_assert_cmpint (programme->combine, ==, KT_COMBINE_ADD);
  g_assert_cmpint (programme->cap_bp, ==, 1500);
  g_assert_cmpuint (programme->limits->len, ==, 1);
  g_assert_cmpstr (g_array_index (programme->limits, KtCategoryLimit, 0).category, ==, "Food");

  g_assert_true (kt_store_scheme_delete (f->store, vip_id, &error));
  g_assert_no_error (error);
  g_assert_false (kt_store_scheme_delete (f->store, vip_id, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_NOT_FOUND);
}

/* An imported file keeps the counters of schemes it names again. */
static void
test_programme_import_keeps_ids (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtProgramme) first = NULL;
  g_autoptr(KtProgramme) second = NULL;
  g_auto(GStrv) categories = NULL;

  import (f, tiers_file);
  first = kt_store_programme_get (f->store, &error);
  g_assert_no_error (error);

  import (f,
          "[Programme]\ncombine = add\nmax-discount-Food = 5 %\n"
          "[Scheme Coffee]\nkind = stamps\ncategories = Coffee;Tea\nreward-5 = 3 %\n"
          "[Scheme Tiers]\nkind = progressive\nperiod = calendar year\n"
          "tier-Gold = 1000.00 : 3 %\n");
  second = kt_store_programme_get (f->store, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (second->schemes->len, ==, 2);
  g_assert_cmpstr (((KtScheme *) second->schemes->pdata[0])->name, ==, "Coffee");
  g_assert_cmpstr (((KtScheme *) second->schemes->pdata[1])->name, ==, "Tiers");
  g_assert_cmpint (((KtScheme *) second->schemes->pdata[1])->id, ==,
                   ((KtScheme *) first->schemes->pdata[0])->id);
  g_assert_cmpint (((KtScheme *) second->schemes->pdata[1])->period, ==, KT_PERIOD_CALENDAR_YEAR);

  categories = kt_store_programme_categories (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (categories), ==, 3);
  g_assert_cmpstr (categories[0], ==, "Coffee");
  g_assert_cmpstr (categories[1], ==, "Food");
  g_assert_cmpstr (categories[2], ==, "Tea");
}

/* ---- quotes and purchases ------------------------------------------------ */

/* domain.md: 500 spent gives 1 %, 800 gives 2 %; the counters the quote
 * reads are the ones recording keeps. */
static void
test_progressive_from_counters (Fixture       *f,
                                gconstpointer  data)
{
  gint64 member = kt_test_add_member (f->store, "Olena Kovalenko", "", "");
  g_autofree char *at = at_day (0, "09:00:00");
  KtPurchaseInput next = input (10000, at);
  g_autoptr(KtQuote) q1 = NULL;
  g_autoptr(KtQuote) q2 = NULL;
  g_autoptr(KtQuote) q3 = NULL;
  g_autoptr(KtMember) after = NULL;

  import (f, tiers_file);
  q1 = quote (f, member, &next);
  g_assert_cmpint (q1->discount, ==, 0);

  buy_simple (f, member, 50000, -3, "10:00:00");
  q2 = quote (f, member, &next);
  g_assert_cmpint (q2->discount, ==, 100);
  g_assert_cmpstr (q2->tier, ==, "Bronze");
  g_assert_cmpstr (((KtQuoteLine *) q2->lines->pdata[0])->reason, ==, "Bronze tier 1 %");

  /* 500.00 + (100.00 - 1 %) = 599.00; then 203.04 - 1 % (2.03) = 201.01
   * more: 800.01, Silver. */
  buy (f, member, &next, NULL);
  buy_simple (f, member, 20304, -1, "10:00:00");
  q3 = quote (f, member, &next);
  g_assert_cmpint (q3->discount, ==, 200);
  g_assert_cmpint (q3->payable, ==, 9800);

  after = member_get (f, member);
  g_assert_cmpint (after->total_spent, ==, 80001);
  g_assert_cmpint (after->purchase_count, ==, 3);
  assert_clean (f);
}

static void
test_purchase_stores_quote (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 member = kt_test_add_member (f->store, "Anna Szabó", "", "");
  g_autoptr(KtCard) card = kt_store_card_issue (f->store, member, &error);
  g_autofree char *at = at_day (0, "11:15:00");
  KtPurchaseInput purchase = input (12345, at);
  g_autoptr(KtQuote) recorded = NULL;
  g_autoptr(KtPurchase) stored = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  gint64 id;

  import (f,
          "[Programme]\ncombine = add\n"
          "[Scheme Everyone]\nkind = fixed\ndiscount = 2 %\n"
          "[Scheme Points]\nkind = points\nearn = 1 %\nactivation-days = 14\n"
          "expiry-months = 12\nmax-share = 50 %\n");

  purchase.items = 3;
  purchase.category = "Shoes";
  id = kt_store_purchase_record (f->store, member, card->number, &purchase, NULL,
                                 &recorded, &error);
  g_assert_no_error (error);

  /* 2 % of 123.45 = 2.469, half-up 2.47; points 1 % of 120.98 = 120.98 -> 121. */
  g_assert_cmpint (recorded->discount, ==, 247);
  g_assert_cmpint (recorded->payable, ==, 12098);
  g_assert_cmpint (recorded->points_earned, ==, 121);

  stored = kt_store_purchase_get (f->store, id, &lines, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->card_number, ==, card->number);
  g_assert_cmpint (stored->amount, ==, 12345);
  g_assert_cmpint (stored->discount, ==, 247);
  g_assert_cmpint (stored->paid, ==, 12098);
  g_assert_cmpint (stored->items, ==, 3);
  g_assert_cmpstr (stored->category, ==, "Shoes");
  g_assert_cmpint (stored->points_earned, ==, 121);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (((KtPurchaseLine *) lines->pdata[0])->reason, ==, "Everyone 2 %");
  g_assert_cmpint (((KtPurchaseLine *) lines->pdata[0])->amount, ==, 247);

  /* Earned today, usable in 14 days. */
  {
    g_autoptr(KtMemberStanding) now = standing (f, member);

    g_assert_cmpint (now->points_balance, ==, 121);
    g_assert_cmpint (now->points_usable, ==, 0);
    g_assert_cmpint (now->points_pending, ==, 121);
  }
  assert_clean (f);
}

/* A quote shown before another till changed the member is not recorded. */
static void
test_stale_quote_refused (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 member = kt_test_add_member (f->store, "Petro Shevchenko", "", "");
  g_autofree char *at = at_day (0, "12:00:00");
  KtPurchaseInput purchase = input (10000, at);
  g_autoptr(KtQuote) shown = NULL;
  g_autoptr(GPtrArray) history = NULL;

  import (f, tiers_file);
  buy_simple (f, member, 49950, -2, "10:00:00");
  shown = quote (f, member, &purchase);
  g_assert_cmpint (shown->discount, ==, 0);

  /* Meanwhile: 1.00 more takes the member to Bronze. */
  buy_simple (f, member, 100, -1, "10:00:00");
  g_assert_cmpint (kt_store_purchase_record (f->store, member, NULL, &purchase, shown,
                                             NULL, &error), ==, 0);
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);

  history = kt_store_member_purchases (f->store, member, 0, 10, NULL);
  g_assert_cmpuint (history->len, ==, 2);
  assert_clean (f);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 member = kt_test_add_member (f->store, "Kovács Éva", "", "");
  gint64 other = kt_test_add_member (f->store, "Other Person", "", "");
  g_autoptr(KtCard) other_card = kt_store_card_issue (f->store, other, &error);
  g_autofree char *at = at_day (0, "12:00:00");
  KtPurchaseInput negative = input (-100, at);
  KtPurchaseInput good = input (1000, at);
  KtPurchaseInput bad_date = input (1000, "2026-13-45 10:00");
  g_autoptr(KtMember) archived = NULL;

  import (f, tiers_file);

  g_assert_null (kt_store_quote (f->store, member, &negative, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (kt_store_quote (f->store, member, &bad_date, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (kt_store_purchase_record (f->store, member, NULL, &(KtPurchaseInput) { 0, at, 1 },
                                             NULL, NULL, &error), ==, 0);
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (kt_store_quote (f->store, 9999, &good, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Someone else's card. */
  g_assert_cmpint (kt_store_purchase_record (f->store, member, other_card->number, &good,
                                             NULL, NULL, &error), ==, 0);
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  /* Points without a points scheme. */
  good.points_to_redeem = 10;
  g_assert_cmpint (kt_store_purchase_record (f->store, member, NULL, &good, NULL, NULL,
                                             &error), ==, 0);
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);
  good.points_to_redeem = 0;

  /* An archived member. */
  g_assert_true (kt_store_member_set_archived (f->store, member, TRUE, &error));
  g_assert_cmpint (kt_store_purchase_record (f->store, member, NULL, &good, NULL, NULL,
                                             &error), ==, 0);
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  archived = member_get (f, member);
  g_assert_cmpint (archived->purchase_count, ==, 0);
  assert_clean (f);
}

/* ---- points -------------------------------------------------------------- */

static const char points_file[] =
  "[Programme]\ncombine = best\n"
  "[Scheme Points]\nkind = points\nearn = 10 %\nactivation-days = 7\n"
  "min-balance = 100\nexpiry-months = 6\nmax-share = 50 %\n";

/* Points become usable after the delay and from the minimum balance,
 * are redeemed oldest first, up to the share of the purchase, and earn
 * nothing on the part paid with them. */
static void
test_points_redeem_oldest_first (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 member = kt_test_add_member (f->store, "Ivan Petrenko", "", "");
  g_autofree char *today = at_day (0, "15:00:00");
  KtPurchaseInput purchase = input (20000, today);
  g_autoptr(KtQuote) early = NULL;
  g_autoptr(KtQuote) used = NULL;
  g_autoptr(KtMemberStanding) before = NULL;
  g_autoptr(KtMemberStanding) after = NULL;

  import (f, points_file);
  buy_simple (f, member, 60, -20, "10:00:00");     /* 6 points, 20 days ago */
  buy_simple (f, member, 1000, -10, "10:00:00");   /* 100 points */
  buy_simple (f, member, 3000, -3, "10:00:00");    /* 300 points, not yet usable */

  before = standing (f, member);
  g_assert_cmpint (before->points_balance, ==, 406);
  g_assert_cmpint (before->points_usable, ==, 106);
  g_assert_cmpint (before->points_pending, ==, 300);

  /* 106 usable, above the 100 minimum; at most 50 % of 200.00. */
  early = quote (f, member, &purchase);
  g_assert_cmpint (early->points_redeemable, ==, 106);

  purchase.points_to_redeem = 107;
  g_assert_null (kt_store_quote (f->store, member, &purchase, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  purchase.points_to_redeem = 10;
  buy (f, member, &purchase, &used);
  g_assert_cmpint (used->points_redeemed, ==, 10);
  g_assert_cmpint (used->payable, ==, 19990);
  /* 10 % of what was paid with money. */
  g_assert_cmpint (used->points_earned, ==, 1999);

  /* The oldest lot (6) went first, then 4 of the 100. */
  after = standing (f, member);
  g_assert_cmpint (after->points_balance, ==, 406 - 10 + 1999);
  g_assert_cmpint (after->points_usable, ==, 96);

  /* Below the minimum balance nothing can be redeemed. */
  purchase.points_to_redeem = 0;
  {
    g_autoptr(KtQuote) low = quote (f, member, &purchase);

    g_assert_cmpint (low->points_redeemable, ==, 0);
  }
  assert_clean (f);
}

/* Expiry writes `expire` rows for the lots due, and a quote never counts
 * expired points. */
static void
test_points_expire (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 member = kt_test_add_member (f->store, "Maria Bondar", "", "");
  g_autofree char *in_five_months = at_day (150, "10:00:00");
  g_autofree char *in_seven_months = at_day (215, "10:00:00");
  KtPurchaseInput later = input (1000, in_seven_months);
  gint64 expired = 0;

  import (f, points_file);
  buy_simple (f, member, 2000, -40, "10:00:00");   /* 200 points, expire in under 5 months */
  buy_simple (f, member, 1000, -1, "10:00:00");    /* 100 points, expire in ~6 months */

  /* Seven months on, a quote sees none of them usable. */
  {
    g_autoptr(KtQuote) q = quote (f, member, &later);

    g_assert_cmpint (q->points_redeemable, ==, 0);
  }

  /* In five months only the first lot has expired. */
  g_assert_true (kt_store_points_expire (f->store, in_five_months, &expired, &error));
  g_assert_no_error (error);
  g_assert_cmpint (expired, ==, 200);
  g_assert_true (kt_store_points_expire (f->store, in_five_months, &expired, &error));
  g_assert_cmpint (expired, ==, 0);
  {
    g_autoptr(KtMember) m = member_get (f, member);

    g_assert_cmpint (m->points, ==, 100);
  }
  g_assert_true (kt_store_points_expire (f->store, in_seven_months, &expired, &error));
  g_assert_cmpint (expired, ==, 100);
  assert_clean (f);
}

static void
test_points_adjust (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 member = kt_test_add_member (f->store, "Adjusted Member", "", "");
  g_autoptr(KtMember) m = NULL;

  import (f, points_file);
  g_assert_false (kt_store_points_adjust (f->store, member, 50, "  ", &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kt_store_points_adjust (f->store, member, 0, "nothing", &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (kt_store_points_adjust (f->store, member, 250, "Apology for a late order", &error));
  g_assert_no_error (error);
  g_assert_false (kt_store_points_adjust (f->store, member, -251, "Too many", &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (kt_store_points_adjust (f->store, member, -50, "Correction", &error));
  g_assert_no_error (error);

  m = member_get (f, member);
  g_assert_cmpint (m->points, ==, 200);
  {
    g_autoptr(GPtrArray) history = kt_store_member_points_history (f->store, member, 0, 10, &error);
    const KtPointsEntry *taken, *added;

    /* Newest first, each with its reason; the refused ones left no row. */
    g_assert_no_error (error);
    g_assert_cmpuint (history->len, ==, 2);
    taken = history->pdata[0];
    added = history->pdata[1];
    g_assert_cmpint (taken->kind, ==, KT_POINTS_ADJUSTED);
    g_assert_cmpint (taken->points, ==, -50);
    g_assert_cmpstr (taken->reason, ==, "Correction");
    g_assert_cmpint (added->points, ==, 250);
    g_assert_cmpstr (added->reason, ==, "Apology for a late order");
    g_assert_nonnull (added->usable_on);
  }
  {
    g_autoptr(KtMemberStanding) now = standing (f, member);

    /* Added by hand: usable at once, expiring like earned points. */
    g_assert_cmpint (now->points_usable, ==, 200);
    g_assert_nonnull (now->points_next_expiry);
  }
  assert_clean (f);
}

/* ---- refunds ------------------------------------------------------------- */

static void
test_refund_full_and_twice (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 member = kt_test_add_member (f->store, "Refund Member", "", "");
  g_autoptr(KtRefund) refund = NULL;
  g_autoptr(KtRefund) again = NULL;
  g_autoptr(KtMember) m = NULL;
  g_autoptr(KtPurchase) p = NULL;
  gint64 first;

  import (f, points_file);
  first = buy_simple (f, member, 5000, -1, "10:00:00");   /* 500 points */
  buy_simple (f, member, 2500, 0, "09:00:00");            /* 250 points */

  refund = kt_store_purchase_refund (f->store, first, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (refund->amount, ==, 5000);
  g_assert_cmpint (refund->returned, ==, 5000);
  g_assert_cmpint (refund->points_reversed, ==, 500);

  again = kt_store_purchase_refund (f->store, first, 0, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (kt_store_purchase_refund (f->store, first, 1, NULL, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  m = member_get (f, member);
  g_assert_cmpint (m->total_spent, ==, 2500);
  g_assert_cmpint (m->purchase_count, ==, 1);
  g_assert_cmpint (m->points, ==, 250);
  p = kt_store_purchase_get (f->store, first, NULL, &error);
  g_assert_cmpint (p->refunded, ==, 5000);
  assert_clean (f);
}

/* Partial refunds take back the discount and points pro rata and add up
 * exactly to the purchase; more than is left is refused. */
static void
test_refund_partial (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 member = kt_test_add_member (f->store, "Partial Member", "", "");
  g_autoptr(KtRefund) third = NULL;
  g_autoptr(KtRefund) rest = NULL;
  g_autoptr(KtMember) m = NULL;
  g_autofree char *at = at_day (0, "10:00:00");
  KtPurchaseInput purchase = input (10000, at);
  gint64 id;

  import (f,
          "[Programme]\ncombine = add\n"
          "[Scheme Everyone]\nkind = fixed\ndiscount = 5 %\n"
          "[Scheme Points]\nkind = points\nearn = 10 %\nmax-share = 50 %\n");
  id = buy (f, member, &purchase, NULL);   /* 100.00 - 5.00 = 95.00, 950 points */

  /* A third of it: 33.33 of the amount, 1.67 of the discount (1.6665). */
  third = kt_store_purchase_refund (f->store, id, 3333, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (third->discount, ==, 167);
  g_assert_cmpint (third->returned, ==, 3333 - 167);
  g_assert_cmpint (third->points_reversed, ==, 317);   /* 316.635 */

  g_assert_null (kt_store_purchase_refund (f->store, id, 6668, NULL, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (kt_store_purchase_refund (f->store, id, -5, NULL, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  rest = kt_store_purchase_refund (f->store, id, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rest->amount, ==, 6667);
  g_assert_cmpint (third->discount + rest->discount, ==, 500);
  g_assert_cmpint (third->points_reversed + rest->points_reversed, ==, 950);
  g_assert_cmpint (third->returned + rest->returned, ==, 9500);

  m = member_get (f, member);
  g_assert_cmpint (m->total_spent, ==, 0);
  g_assert_cmpint (m->purchase_count, ==, 0);
  g_assert_cmpint (m->points, ==, 0);
  assert_clean (f);
}

/* Points paid with come back to the member on a refund. */
static void
test_refund_restores_redeemed (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 member = kt_test_add_member (f->store, "Redeemer", "", "");
  g_autofree char *at = at_day (0, "16:00:00");
  KtPurchaseInput purchase = input (4000, at);
  g_autoptr(KtRefund) refund = NULL;
  g_autoptr(KtMember) m = NULL;
  gint64 id;

  import (f, points_file);
  buy_simple (f, member, 5000, -10, "10:00:00");   /* 500 points, usable */
  purchase.points_to_redeem = 200;
  id = buy (f, member, &purchase, NULL);           /* pays 38.00, earns 380 */

  refund = kt_store_purchase_refund (f->store, id, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (refund->points_restored, ==, 200);
  g_assert_cmpint (refund->points_reversed, ==, 380);
  g_assert_cmpint (refund->returned, ==, 3800);

  m = member_get (f, member);
  g_assert_cmpint (m->points, ==, 500);
  {
    g_autoptr(KtMemberStanding) now = standing (f, member);

    g_assert_cmpint (now->points_usable, ==, 500);
  }
  assert_clean (f);
}

/* ---- counters ------------------------------------------------------------ */

/* domain.md: ten purchases within a year, and the eleventh gets 10 % of
 * their total; a refund of the eleventh makes the reward due again. */
static void
test_nth_purchase_and_refund (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 member = kt_test_add_member (f->store, "Clothing Customer", "", "");
  g_autofree char *at = at_day (0, "18:00:00");
  KtPurchaseInput eleventh = input (5000, at);
  g_autoptr(KtQuote) reward = NULL;
  g_autoptr(KtQuote) again = NULL;
  g_autoptr(KtRefund) refund = NULL;
  gint64 id;

  import (f,
          "[Programme]\ncombine = best\n"
          "[Scheme Eleventh purchase]\nkind = nth-purchase\ncount = 10\n"
          "window-days = 365\nreward = 10 %\n");
  for (int i = 0; i < 10; i++)
    buy_simple (f, member, 1000 * (i + 1), -100 + i * 5, "12:00:00");   /* 550.00 in all */

  id = buy (f, member, &eleventh, &reward);
  g_assert_cmpint (reward->discount, ==, 5000);   /* 10 % of 550.00, no more than the amount */
  g_assert_cmpstr (((KtQuoteLine *) reward->lines->pdata[0])->reason, ==,
                   "Eleventh purchase: 10 % of the last 10 purchases");

  {
    g_autoptr(KtQuote) after = quote (f, member, &eleventh);

    g_assert_cmpint (after->discount, ==, 0);
  }

  refund = kt_store_purchase_refund (f->store, id, 0, NULL, &error);
  g_assert_no_error (error);
  again = quote (f, member, &eleventh);
  g_assert_cmpint (again->discount, ==, 5000);
  assert_clean (f);
}

/* domain.md: five stamps give 3 %, seven give 5 %. */
static void
test_stamps (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 member = kt_test_add_member (f->store, "Coffee Lover", "", "");
  g_autofree char *at = at_day (0, "08:00:00");
  KtPurchaseInput coffee = input (10000, at);
  g_autoptr(KtQuote) seventh = NULL;
  g_autoptr(KtMemberStanding) card = NULL;

  import (f,
          "[Programme]\ncombine = best\n"
          "[Scheme Coffee card]\nkind = stamps\ncategories = Coffee\n"
          "reward-5 = 3 %\nreward-7 = 5 %\n");
  coffee.category = "Coffee";
  for (int i = 0; i < 7; i++)
    {
      g_autofree char *day = at_day (-10 + i, "08:00:00");
      KtPurchaseInput earlier = input (500, day);

      earlier.category = i == 3 ? "Bread" : "Coffee";
      buy (f, member, &earlier, NULL);
    }

  /* Six coffees (one purchase was bread): the 5-stamp reward waits unless asked. */
  {
    g_autoptr(KtQuote) six = quote (f, member, &coffee);

    g_assert_cmpint (six->discount, ==, 0);
    coffee.redeem_stamps = TRUE;
    g_clear_pointer (&six, kt_quote_free);
    six = quote (f, member, &coffee);
    g_assert_cmpint (six->discount, ==, 300);
    coffee.redeem_stamps = FALSE;
  }

  buy_simple (f, member, 500, -1, "08:00:00");      /* no category: no stamp */
  {
    g_autofree char *day = at_day (-1, "09:00:00");
    KtPurchaseInput one_more = input (500, day);

    one_more.category = "Coffee";
    buy (f, member, &one_more, NULL);
  }
  buy (f, member, &coffee, &seventh);
  g_assert_cmpint (seventh->discount, ==, 500);

  card = standing (f, member);
  g_assert_cmpuint (card->progress->len, ==, 1);
  g_assert_cmpstr (card->progress->pdata[0], ==, "Coffee card: 0 stamps");
  g_assert_no_error (error);
  assert_clean (f);
}

/* A calendar-year tier drops back on 1 January. */
static void
test_calendar_year_roll_over (Fixture       *f,
                              gconstpointer  data)
{
  gint64 member = kt_test_add_member (f->store, "Year Member", "", "");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  g_autofree char *new_year = g_strdup_printf ("%d-01-01 10:00:00", year + 1);
  g_autofree char *this_year = at_day (0, "20:00:00");
  KtPurchaseInput late = input (10000, this_year);
  KtPurchaseInput next = input (10000, new_year);
  g_autoptr(KtQuote) before = NULL;
  g_autoptr(KtQuote) after = NULL;

  import (f,
          "[Programme]\ncombine = best\n"
          "[Scheme Year tiers]\nkind = progressive\nperiod = calendar year\n"
          "tier-Bronze = 500.00 : 1 %\n");
  buy_simple (f, member, 60000, 0, "08:00:00");

  before = quote (f, member, &late);
  g_assert_cmpint (before->discount, ==, 100);
  after = quote (f, member, &next);
  g_assert_cmpint (after->discount, ==, 0);
  assert_clean (f);
}

/* Last-N-days tiers count only the window, from the spend kept per day. */
static void
test_last_days_window (Fixture       *f,
                       gconstpointer  data)
{
  gint64 member = kt_test_add_member (f->store, "Window Member", "", "");
  g_autofree char *today = at_day (0, "12:00:00");
  g_autofree char *in_twenty = at_day (20, "12:00:00");
  KtPurchaseInput now = input (10000, today);
  KtPurchaseInput later = input (10000, in_twenty);
  g_autoptr(KtQuote) q_now = NULL;
  g_autoptr(KtQuote) q_later = NULL;

  /* Purchases from before the scheme existed count too: the days are
   * rebuilt from the history when it is added. */
  buy_simple (f, member, 30000, -25, "12:00:00");
  import (f,
          "[Programme]\ncombine = best\n"
          "[Scheme Monthly]\nkind = progressive\nperiod = last 30 days\n"
          "tier-Regular = 500.00 : 2 %\n");
  buy_simple (f, member, 25000, -2, "12:00:00");

  q_now = quote (f, member, &now);
  g_assert_cmpint (q_now->discount, ==, 200);
  /* Twenty days on, the first purchase has left the window. */
  q_later = quote (f, member, &later);
  g_assert_cmpint (q_later->discount, ==, 0);
  assert_clean (f);
}

/* ---- gift cards ---------------------------------------------------------- */

static void
test_gift_card (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 member = kt_test_add_member (f->store, "Gift Receiver", "", "");
  g_autofree char *at = at_day (0, "13:00:00");
  KtPurchaseInput purchase = input (3000, at);
  g_autoptr(KtQuote) paid = NULL;
  g_autoptr(KtRefund) refund = NULL;
  g_autoptr(KtMember) m = NULL;
  gint64 id;

  g_assert_false (kt_store_gift_load (f->store, member, -100, NULL, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (kt_store_gift_load (f->store, member, 5000, "Birthday present", &error));
  g_assert_no_error (error);

  id = buy (f, member, &purchase, &paid);
  g_assert_cmpint (paid->gift_payable, ==, 3000);
  {
    g_autoptr(KtMemberStanding) now = standing (f, member);

    g_assert_cmpint (now->gift_balance, ==, 2000);
  }

  refund = kt_store_purchase_refund (f->store, id, 1000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (refund->gift_returned, ==, 1000);
  g_assert_cmpint (refund->returned, ==, 0);
  {
    g_autoptr(KtMemberStanding) now = standing (f, member);

    g_assert_cmpint (now->gift_balance, ==, 3000);
  }
  m = member_get (f, member);
  g_assert_cmpint (m->total_spent, ==, 2000);
  assert_clean (f);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store-till/" path, Fixture, NULL, kt_test_shop_set_up, func, kt_test_shop_tear_down)

  ADD ("programme/keeps-schemes", test_programme_keeps_schemes);
  ADD ("programme/import-keeps-ids", test_programme_import_keeps_ids);
  ADD ("quote/progressive-from-counters", test_progressive_from_counters);
  ADD ("purchase/stores-quote", test_purchase_stores_quote);
  ADD ("purchase/stale-quote-refused", test_stale_quote_refused);
  ADD ("purchase/refusals", test_refusals);
  ADD ("points/redeem-oldest-first", test_points_redeem_oldest_first);
  ADD ("points/expire", test_points_expire);
  ADD ("points/adjust", test_points_adjust);
  ADD ("refund/full-and-twice", test_refund_full_and_twice);
  ADD ("refund/partial", test_refund_partial);
  ADD ("refund/restores-redeemed", test_refund_restores_redeemed);
  ADD ("counters/nth-purchase-and-refund", test_nth_purchase_and_refund);
  ADD ("counters/stamps", test_stamps);
  ADD ("counters/calendar-year", test_calendar_year_roll_over);
  ADD ("counters/last-days", test_last_days_window);
  ADD ("gift/card", test_gift_card);

  return g_test_run ();
}
