/* test-quote.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The quote against every example of domain.md, with exact amounts. A
 * small "till" here applies each quote's effects to the counters as the
 * store will, so sequences of purchases (the eleventh purchase, stamps)
 * run as they will in the shop.
 */

#define G_LOG_DOMAIN "test-quote"

#include "config.h"

#include <glib.h>
#include <locale.h>
#include <string.h>

#include "core/kt-error.h"
#include "core/kt-quote.h"
#include "core/kt-scheme.h"

static const KtQuoteSettings best_settings = { KT_COMBINE_BEST, 0, NULL, 0 };
static const KtQuoteSettings add_settings = { KT_COMBINE_ADD, 0, NULL, 0 };

static KtPurchaseInput
purchase_at (KtMoney     amount,
             const char *at)
{
  KtPurchaseInput purchase = { 0 };

  purchase.amount = amount;
  purchase.at = at;
  return purchase;
}

static KtQuote *
quote_ok (const KtMemberState   *state,
          KtScheme *const       *schemes,
          guint                  n_schemes,
          const KtQuoteSettings *settings,
          const KtPurchaseInput *purchase)
{
  g_autoptr(GError) error = NULL;
  KtQuote *quote = NULL;

  if (!kt_quote_compute (state, schemes, n_schemes, settings, purchase, &quote, &error))
    g_error ("The quote was refused: %s", error->message);

  /* Whatever the schemes, the lines add up to the discount, the discount
   * never exceeds the amount and the member pays the rest. */
  {
    KtMoney sum = 0;

    for (guint i = 0; i < quote->lines->len; i++)
      sum += ((KtQuoteLine *) g_ptr_array_index (quote->lines, i))->amount;
    g_assert_cmpint (sum, ==, quote->discount);
    g_assert_cmpint (quote->discount, <=, purchase->amount);
    g_assert_cmpint (quote->payable, ==,
                     purchase->amount - quote->discount - quote->points_redeemed);
  }

  return quote;
}

static void
quote_refused (const KtMemberState   *state,
               KtScheme *const       *schemes,
               guint                  n_schemes,
               const KtQuoteSettings *settings,
               const KtPurchaseInput *purchase,
               const char            *fragment)
{
  g_autoptr(GError) error = NULL;
  KtQuote *quote = NULL;

  g_assert_false (kt_quote_compute (state, schemes, n_schemes, settings, purchase,
                                    &quote, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_assert_null (quote);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

static const KtQuoteLine *
line_at (const KtQuote *quote,
         guint          index)
{
  g_assert_cmpuint (index, <, quote->lines->len);
  return g_ptr_array_index (quote->lines, index);
}

static const KtQuoteEffect *
find_effect (const KtQuote *quote,
             gint64         scheme_id)
{
  for (guint i = 0; i < quote->effects->len; i++)
    if (g_array_index (quote->effects, KtQuoteEffect, i).scheme_id == scheme_id)
      return &g_array_index (quote->effects, KtQuoteEffect, i);

  return NULL;
}

static const KtQuoteEffect *
effect_of (const KtQuote *quote,
           gint64         scheme_id)
{
  const KtQuoteEffect *effect = find_effect (quote, scheme_id);

  if (effect == NULL)
    g_error ("The quote changes no counter of scheme %" G_GINT64_FORMAT, scheme_id);

  return effect;
}

static KtScheme *
scheme_new (gint64        id,
            KtSchemeKind  kind,
            const char   *name)
{
  KtScheme *scheme = kt_scheme_new (kind);

  scheme->id = id;
  g_free (scheme->name);
  scheme->name = g_strdup (name);
  return scheme;
}

/* Bronze from 500.00 gives 1 %, Silver from 800.00 gives 2 %. */
static KtScheme *
progressive_new (gint64   id,
                 KtPeriod period)
{
  KtScheme *scheme = scheme_new (id, KT_SCHEME_PROGRESSIVE, "Card discount");

  scheme->period = period;
  kt_scheme_add_tier (scheme, "Bronze", 50000, 100);
  kt_scheme_add_tier (scheme, "Silver", 80000, 200);
  return scheme;
}

static KtScheme *
fixed_new (gint64      id,
           const char *name,
           gint64      bp)
{
  KtScheme *scheme = scheme_new (id, KT_SCHEME_FIXED, name);

  scheme->bp = bp;
  return scheme;
}

/* ---- domain.md examples ----------------------------------------------- */

static KtMoney
progressive_discount (KtMoney spent_before,
                      KtMoney amount)
{
  g_autoptr(KtScheme) scheme = progressive_new (1, KT_PERIOD_ALL_TIME);
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (amount, "2026-03-02 10:00");
  g_autoptr(KtQuote) quote = NULL;

  state.total_spent = spent_before;
  quote = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  return quote->discount;
}

static void
test_progressive (void)
{
  g_autoptr(KtScheme) scheme = progressive_new (1, KT_PERIOD_ALL_TIME);
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (10000, "2026-03-02 10:00");
  g_autoptr(KtQuote) quote = NULL;

  /* The purchase that crosses 500 is not discounted; the next one is. */
  g_assert_cmpint (progressive_discount (45000, 10000), ==, 0);
  g_assert_cmpint (progressive_discount (49999, 10000), ==, 0);
  g_assert_cmpint (progressive_discount (50000, 10000), ==, 100);
  g_assert_cmpint (progressive_discount (79999, 10000), ==, 100);
  g_assert_cmpint (progressive_discount (80000, 10000), ==, 200);
  g_assert_cmpint (progressive_discount (500000, 12345), ==, 247);

  state.total_spent = 80000;
  quote = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  g_assert_cmpuint (quote->lines->len, ==, 1);
  g_assert_cmpstr (line_at (quote, 0)->reason, ==, "Silver tier 2 %");
  g_assert_cmpint (line_at (quote, 0)->scheme_id, ==, 1);
  g_assert_cmpstr (quote->tier, ==, "Silver");
  g_assert_cmpint (quote->payable, ==, 9800);
  g_assert_cmpint (quote->spent, ==, 9800);
}

static void
test_fixed_vip (void)
{
  g_autoptr(KtScheme) scheme = fixed_new (2, "VIP card", 500);
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (12345, "2026-03-02 10:00");
  g_autoptr(KtQuote) vip = NULL;
  g_autoptr(KtQuote) regular = NULL;

  scheme->audience = KT_AUDIENCE_STATUS;
  scheme->audience_status = KT_MEMBER_VIP;

  state.status = KT_MEMBER_VIP;
  vip = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  g_assert_cmpint (vip->discount, ==, 617);     /* 617.25 */
  g_assert_cmpint (vip->payable, ==, 11728);
  g_assert_cmpstr (line_at (vip, 0)->reason, ==, "VIP card 5 %");

  state.status = KT_MEMBER_REGULAR;
  regular = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  g_assert_cmpint (regular->discount, ==, 0);
  g_assert_cmpuint (regular->lines->len, ==, 0);
}

/* The till: applies a quote's effects to the counter as the store does. */
static void
till_apply (KtSchemeCounter *counter,
            const KtQuote   *quote,
            char            *started,
            const char      *day)
{
  const KtQuoteEffect *effect = effect_of (quote, counter->scheme_id);

  switch (effect->kind)
    {
    case KT_EFFECT_RUN_COUNT:
      counter->run_count += effect->value;
      counter->run_total += quote->spent;
      break;
    case KT_EFFECT_RUN_START:
      counter->run_count = effect->value;
      counter->run_total = quote->spent;
      g_strlcpy (started, day, 11);
      counter->run_started = started;
      break;
    case KT_EFFECT_RUN_RESET:
      counter->run_count = 0;
      counter->run_total = 0;
      counter->run_started = NULL;
      break;
    case KT_EFFECT_STAMP_ADD:
      counter->stamps += effect->value;
      break;
    case KT_EFFECT_STAMPS_USE:
      counter->stamps -= effect->value;
      break;
    default:
      g_assert_not_reached ();
    }
}

static KtScheme *
eleventh_new (void)
{
  KtScheme *scheme = scheme_new (5, KT_SCHEME_NTH_PURCHASE, "Eleventh purchase");

  scheme->nth_count = 10;
  scheme->nth_window_days = 365;
  scheme->nth_reward_bp = 1000;
  return scheme;
}

static void
test_eleventh_purchase (void)
{
  g_autoptr(KtScheme) scheme = eleventh_new ();
  KtSchemeCounter counter = { 5 };
  KtMemberState state = { 0 };
  char started[11] = "";
  KtMoney total = 0;

  state.counters = &counter;
  state.n_counters = 1;

  /* Ten purchases of 100.00, 101.00, ... 109.00 in ten months. */
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *at = g_strdup_printf ("2026-%02d-10 12:00", i + 1);
      KtPurchaseInput purchase = purchase_at (10000 + 100 * i, at);
      g_autoptr(KtQuote) quote = quote_ok (&state, &scheme, 1, &best_settings, &purchase);

      g_assert_cmpint (quote->discount, ==, 0);
      till_apply (&counter, quote, started, at);
      total += purchase.amount;
    }
  g_assert_cmpint (counter.run_count, ==, 10);
  g_assert_cmpint (counter.run_total, ==, total);
  g_assert_cmpint (total, ==, 104500);

  /* The eleventh: 10 % of 1045.00, then the count starts again. */
  {
    KtPurchaseInput purchase = purchase_at (5000, "2026-11-20 12:00");
    g_autoptr(KtQuote) quote = quote_ok (&state, &scheme, 1, &best_settings, &purchase);

    g_assert_cmpint (quote->discount, ==, 5000);   /* 104.50, capped by the amount */
    g_assert_true (quote->limited);
  }
  {
    KtPurchaseInput purchase = purchase_at (30000, "2026-11-20 12:00");
    g_autoptr(KtQuote) quote = quote_ok (&state, &scheme, 1, &best_settings, &purchase);

    g_assert_cmpint (quote->discount, ==, 10450);
    g_assert_cmpint (quote->payable, ==, 19550);
    g_assert_cmpstr (line_at (quote, 0)->reason, ==,
                     "Eleventh purchase: 10 % of the last 10 purchases");
    till_apply (&counter, quote, started, "2026-11-20");
  }
  g_assert_cmpint (counter.run_count, ==, 0);
  g_assert_cmpint (counter.run_total, ==, 0);

  {
    KtPurchaseInput purchase = purchase_at (30000, "2026-11-21 12:00");
    g_autoptr(KtQuote) quote = quote_ok (&state, &scheme, 1, &best_settings, &purchase);

    g_assert_cmpint (quote->discount, ==, 0);
    g_assert_cmpint (effect_of (quote, 5)->kind, ==, KT_EFFECT_RUN_START);
  }
}

static void
test_eleventh_window (void)
{
  g_autoptr(KtScheme) scheme = eleventh_new ();
  KtSchemeCounter counter = { 5, 0, 9, 90000, "2025-06-01", 0 };
  KtMemberState state = { 0 };
  KtPurchaseInput late = purchase_at (10000, "2026-06-01 12:00");
  KtPurchaseInput in_time = purchase_at (10000, "2026-05-31 12:00");
  g_autoptr(KtQuote) restarted = NULL;
  g_autoptr(KtQuote) counted = NULL;
  g_autoptr(KtQuote) rewarded = NULL;

  state.counters = &counter;
  state.n_counters = 1;

  /* Nine purchases, and the tenth comes a year after the first: the run
   * starts again with it. One day earlier it still counts. */
  restarted = quote_ok (&state, &scheme, 1, &best_settings, &late);
  g_assert_cmpint (effect_of (restarted, 5)->kind, ==, KT_EFFECT_RUN_START);
  g_assert_cmpint (effect_of (restarted, 5)->value, ==, 1);
  counted = quote_ok (&state, &scheme, 1, &best_settings, &in_time);
  g_assert_cmpint (effect_of (counted, 5)->kind, ==, KT_EFFECT_RUN_COUNT);

  /* A complete run keeps its reward until the next purchase. */
  counter.run_count = 10;
  rewarded = quote_ok (&state, &scheme, 1, &best_settings, &late);
  g_assert_cmpint (rewarded->discount, ==, 9000);
  g_assert_cmpint (effect_of (rewarded, 5)->kind, ==, KT_EFFECT_RUN_RESET);
}

static void
test_eleventh_outbid (void)
{
  KtScheme *schemes[] = { eleventh_new (), fixed_new (2, "Staff", 3000) };
  KtSchemeCounter counter = { 5, 0, 10, 90000, "2026-01-01", 0 };
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (50000, "2026-06-01 12:00");
  g_autoptr(KtQuote) best = NULL;
  g_autoptr(KtQuote) added = NULL;

  state.counters = &counter;
  state.n_counters = 1;

  /* 30 % of 500.00 beats 10 % of 900.00: the reward is not given, and the
   * complete run waits unchanged for a later purchase. */
  best = quote_ok (&state, schemes, 2, &best_settings, &purchase);
  g_assert_cmpint (best->discount, ==, 15000);
  g_assert_cmpint (line_at (best, 0)->scheme_id, ==, 2);
  g_assert_null (find_effect (best, 5));

  added = quote_ok (&state, schemes, 2, &add_settings, &purchase);
  g_assert_cmpint (added->discount, ==, 24000);
  g_assert_cmpint (effect_of (added, 5)->kind, ==, KT_EFFECT_RUN_RESET);

  kt_scheme_free (schemes[0]);
  kt_scheme_free (schemes[1]);
}

static void
test_nth_items (void)
{
  g_autoptr(KtScheme) scheme = eleventh_new ();
  KtSchemeCounter counter = { 5, 0, 18, 50000, "2026-01-10", 0 };
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (10000, "2026-02-01 12:00");
  g_autoptr(KtQuote) counting = NULL;
  g_autoptr(KtQuote) rewarded = NULL;

  scheme->nth_count_items = TRUE;
  scheme->nth_count = 20;
  state.counters = &counter;
  state.n_counters = 1;
  purchase.items = 3;

  counting = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  g_assert_cmpint (counting->discount, ==, 0);
  g_assert_cmpint (effect_of (counting, 5)->kind, ==, KT_EFFECT_RUN_COUNT);
  g_assert_cmpint (effect_of (counting, 5)->value, ==, 3);

  counter.run_count = 21;
  rewarded = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  g_assert_cmpint (rewarded->discount, ==, 5000);
  g_assert_cmpstr (line_at (rewarded, 0)->reason, ==,
                   "Eleventh purchase: 10 % of the purchases with the last 21 items");
}

static KtScheme *
referral_new (void)
{
  KtScheme *scheme = scheme_new (7, KT_SCHEME_REFERRAL, "Recommend a friend");

  scheme->referrer_bp = 500;
  scheme->newcomer_bp = 800;
  return scheme;
}

static void
test_referral (void)
{
  KtScheme *schemes[] = { progressive_new (1, KT_PERIOD_ALL_TIME), referral_new () };
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (10000, "2026-03-02 10:00");

  /* The referrer at Silver: 2 % + 5 % on top. */
  {
    g_autoptr(KtQuote) quote = NULL;

    state.total_spent = 90000;
    state.referrals = 1;
    quote = quote_ok (&state, schemes, 2, &best_settings, &purchase);
    g_assert_cmpint (quote->discount, ==, 700);
    g_assert_cmpuint (quote->lines->len, ==, 2);
    g_assert_cmpint (line_at (quote, 0)->amount, ==, 200);
    g_assert_cmpint (line_at (quote, 1)->amount, ==, 500);
    g_assert_cmpint (line_at (quote, 1)->scheme_id, ==, 7);
    g_assert_cmpstr (line_at (quote, 1)->reason, ==, "For recommending a friend: +5 %");
  }

  /* The newcomer starts with 8 % although below every tier ... */
  {
    g_autoptr(KtQuote) quote = NULL;

    state.total_spent = 0;
    state.referrals = 0;
    state.referred = TRUE;
    quote = quote_ok (&state, schemes, 2, &best_settings, &purchase);
    g_assert_cmpint (quote->discount, ==, 800);
    g_assert_cmpstr (line_at (quote, 0)->reason, ==, "Recommended by a member: 8 %");
  }

  /* ... which is a floor, not an addition to a better tier. */
  {
    g_autoptr(KtQuote) quote = NULL;

    kt_scheme_add_tier (schemes[0], "Gold", 200000, 1000);
    state.total_spent = 200000;
    quote = quote_ok (&state, schemes, 2, &best_settings, &purchase);
    g_assert_cmpint (quote->discount, ==, 1000);
    g_assert_cmpstr (line_at (quote, 0)->reason, ==, "Gold tier 10 %");
  }

  /* A member nobody referred and who referred nobody gets nothing more. */
  {
    g_autoptr(KtQuote) quote = NULL;

    state.referred = FALSE;
    state.total_spent = 0;
    quote = quote_ok (&state, schemes, 2, &best_settings, &purchase);
    g_assert_cmpint (quote->discount, ==, 0);
  }

  kt_scheme_free (schemes[0]);
  kt_scheme_free (schemes[1]);
}

static KtScheme *
stamps_new (void)
{
  KtScheme *scheme = scheme_new (6, KT_SCHEME_STAMPS, "Coffee card");
  const char *categories[] = { "coffee", "tea", NULL };

  scheme->stamp_categories = g_strdupv ((char **) categories);
  kt_scheme_add_stamp_reward (scheme, 5, 300);
  kt_scheme_add_stamp_reward (scheme, 7, 500);
  return scheme;
}

static KtQuote *
stamp_quote (const KtScheme *scheme,
             gint64          stamps,
             gboolean        redeem,
             const char     *category)
{
  KtSchemeCounter counter = { 6 };
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (10000, "2026-03-02 10:00");
  KtScheme *schemes[] = { (KtScheme *) scheme };

  counter.stamps = stamps;
  state.counters = &counter;
  state.n_counters = 1;
  purchase.redeem_stamps = redeem;
  purchase.category = category;
  return quote_ok (&state, schemes, 1, &best_settings, &purchase);
}

static void
test_stamps (void)
{
  g_autoptr(KtScheme) scheme = stamps_new ();
  g_autoptr(KtQuote) four = stamp_quote (scheme, 4, TRUE, "coffee");
  g_autoptr(KtQuote) five_kept = stamp_quote (scheme, 5, FALSE, "coffee");
  g_autoptr(KtQuote) five = stamp_quote (scheme, 5, TRUE, "coffee");
  g_autoptr(KtQuote) seven = stamp_quote (scheme, 7, FALSE, "tea");
  g_autoptr(KtQuote) other = stamp_quote (scheme, 2, FALSE, "cakes");
  g_autoptr(KtQuote) none = stamp_quote (scheme, 2, FALSE, NULL);

  g_assert_cmpint (four->discount, ==, 0);
  g_assert_cmpint (effect_of (four, 6)->kind, ==, KT_EFFECT_STAMP_ADD);
  g_assert_cmpint (effect_of (four, 6)->value, ==, 1);

  /* Five stamps: 3 % when the member takes it, else they collect on. */
  g_assert_cmpint (five_kept->discount, ==, 0);
  g_assert_cmpint (effect_of (five_kept, 6)->kind, ==, KT_EFFECT_STAMP_ADD);
  g_assert_cmpint (five->discount, ==, 300);
  g_assert_cmpstr (line_at (five, 0)->reason, ==, "Coffee card: 5 stamps, 3 %");
  g_assert_cmpint (effect_of (five, 6)->kind, ==, KT_EFFECT_STAMPS_USE);
  g_assert_cmpint (effect_of (five, 6)->value, ==, 5);

  /* Seven: 5 %, always taken. */
  g_assert_cmpint (seven->discount, ==, 500);
  g_assert_cmpint (effect_of (seven, 6)->kind, ==, KT_EFFECT_STAMPS_USE);
  g_assert_cmpint (effect_of (seven, 6)->value, ==, 7);

  /* Other categories neither earn nor need stamps. */
  g_assert_null (find_effect (other, 6));
  g_assert_null (find_effect (none, 6));
}

static KtScheme *
points_new (void)
{
  KtScheme *scheme = scheme_new (3, KT_SCHEME_POINTS, "Bonus points");

  scheme->earn_bp = 500;
  scheme->activation_days = 14;
  scheme->expiry_months = 12;
  scheme->min_balance = 1000;
  scheme->max_share_bp = 2000;
  return scheme;
}

static void
test_points (void)
{
  g_autoptr(KtScheme) scheme = points_new ();
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (10000, "2026-01-31 18:30");
  g_autoptr(KtQuote) plain = NULL;
  g_autoptr(KtQuote) redeemed = NULL;

  state.points_usable = 5000;
  state.points_pending = 3000;

  /* 5 % of 100.00, usable in 14 days, gone after 12 months. */
  plain = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  g_assert_cmpint (plain->points_earned, ==, 500);
  g_assert_cmpint (plain->points_scheme_id, ==, 3);
  g_assert_cmpstr (plain->points_usable_on, ==, "2026-02-14");
  g_assert_cmpstr (plain->points_expire_on, ==, "2027-01-31");
  /* At most 20 % of the purchase, although 50.00 are usable. */
  g_assert_cmpint (plain->points_redeemable, ==, 2000);

  /* No points on the part paid with points: 5 % of 80.00. */
  purchase.points_to_redeem = 2000;
  redeemed = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  g_assert_cmpint (redeemed->points_redeemed, ==, 2000);
  g_assert_cmpint (redeemed->payable, ==, 8000);
  g_assert_cmpint (redeemed->points_earned, ==, 400);

  purchase.points_to_redeem = 2001;
  quote_refused (&state, &scheme, 1, &best_settings, &purchase,
                 "At most 2000 points");
}

static void
test_points_limits (void)
{
  g_autoptr(KtScheme) scheme = points_new ();
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (100000, "2026-01-31 18:30");
  g_autoptr(KtQuote) balance = NULL;
  g_autoptr(KtQuote) below = NULL;
  g_autoptr(KtQuote) forever = NULL;

  /* The usable balance limits it; pending points do not count. */
  state.points_usable = 1500;
  state.points_pending = 9000;
  balance = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  g_assert_cmpint (balance->points_redeemable, ==, 1500);

  /* Below the minimum balance nothing can be redeemed yet. */
  state.points_usable = 999;
  below = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  g_assert_cmpint (below->points_redeemable, ==, 0);
  purchase.points_to_redeem = 1;
  quote_refused (&state, &scheme, 1, &best_settings, &purchase, "balance of 1000");

  /* Points that never expire and are usable at once. */
  scheme->expiry_months = 0;
  scheme->activation_days = 0;
  purchase.points_to_redeem = 0;
  forever = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  g_assert_null (forever->points_expire_on);
  g_assert_cmpstr (forever->points_usable_on, ==, "2026-01-31");
}

static void
test_year_rollover (void)
{
  g_autoptr(KtScheme) scheme = progressive_new (1, KT_PERIOD_CALENDAR_YEAR);
  KtMemberState state = { 0 };
  KtPurchaseInput new_year_eve = purchase_at (10000, "2025-12-31 23:59");
  KtPurchaseInput new_year = purchase_at (10000, "2026-01-01 00:01");
  g_autoptr(KtQuote) before = NULL;
  g_autoptr(KtQuote) after = NULL;

  state.total_spent = 1000000;
  state.year = 2025;
  state.year_spent = 85000;

  before = quote_ok (&state, &scheme, 1, &best_settings, &new_year_eve);
  g_assert_cmpint (before->discount, ==, 200);
  after = quote_ok (&state, &scheme, 1, &best_settings, &new_year);
  g_assert_cmpint (after->discount, ==, 0);
  g_assert_null (after->tier);
}

static void
test_last_days (void)
{
  g_autoptr(KtScheme) scheme = progressive_new (1, KT_PERIOD_LAST_DAYS);
  KtSchemeCounter counter = { 1 };
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (10000, "2026-03-02 10:00");
  g_autoptr(KtQuote) silver = NULL;
  g_autoptr(KtQuote) dropped = NULL;

  scheme->period_days = 90;
  state.total_spent = 1000000;
  state.counters = &counter;
  state.n_counters = 1;

  counter.window_spent = 80000;
  silver = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  g_assert_cmpint (silver->discount, ==, 200);

  counter.window_spent = 30000;
  dropped = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  g_assert_cmpint (dropped->discount, ==, 0);
}

/* Silver from 1000.00 spent: 2 % for good and 10 % once; Gold from
 * 3000.00: 3 % for good, 15 % once and a tote bag. */
static KtScheme *
levels_new (gboolean reset)
{
  KtScheme *scheme = scheme_new (11, KT_SCHEME_LEVELS, "Club");

  scheme->levels_reset = reset;
  kt_scheme_add_level (scheme, "Silver", 100000, 200, 1000, NULL);
  kt_scheme_add_level (scheme, "Gold", 300000, 300, 1500, "a tote bag");
  return scheme;
}

static KtQuote *
level_quote (KtScheme *scheme,
             gint64    level,
             gint64    progress)
{
  KtSchemeCounter counter = { 11 };
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (10000, "2026-03-02 10:00");

  counter.level = level;
  counter.level_progress = progress;
  state.counters = &counter;
  state.n_counters = 1;
  return quote_ok (&state, &scheme, 1, &best_settings, &purchase);
}

static void
test_levels (void)
{
  g_autoptr(KtScheme) scheme = levels_new (FALSE);
  g_autoptr(KtQuote) below = level_quote (scheme, 0, 99999);
  g_autoptr(KtQuote) silver = level_quote (scheme, 0, 100000);
  g_autoptr(KtQuote) kept = level_quote (scheme, 1, 150000);
  g_autoptr(KtQuote) gold = level_quote (scheme, 1, 300000);
  g_autoptr(KtQuote) jump = level_quote (scheme, 0, 400000);

  g_assert_cmpint (below->discount, ==, 0);
  g_assert_cmpint (below->effects->len, ==, 1);
  g_assert_cmpint (effect_of (below, 11)->kind, ==, KT_EFFECT_LEVEL_PROGRESS);
  g_assert_cmpint (effect_of (below, 11)->value, ==, 10000);

  /* Reaching Silver: 2 % + 10 % once, and the level is recorded. */
  g_assert_cmpint (silver->discount, ==, 1200);
  g_assert_cmpstr (line_at (silver, 0)->reason, ==, "Silver level 2 %");
  g_assert_cmpstr (line_at (silver, 1)->reason, ==, "Silver reached: once 10 %");
  g_assert_cmpint (effect_of (silver, 11)->kind, ==, KT_EFFECT_LEVEL_REACH);
  g_assert_cmpint (effect_of (silver, 11)->value, ==, 1);
  g_assert_cmpint (silver->notices->len, ==, 0);

  /* Silver's 2 % stays for good. */
  g_assert_cmpint (kept->discount, ==, 200);
  g_assert_cmpint (effect_of (kept, 11)->kind, ==, KT_EFFECT_LEVEL_PROGRESS);

  /* Gold: 3 % + 15 % once, and the gift for the cashier to hand over. */
  g_assert_cmpint (gold->discount, ==, 1800);
  g_assert_cmpint (gold->notices->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (gold->notices, 0), ==, "Gold reached: a tote bag");

  /* Passing both at once gives the higher level. */
  g_assert_cmpint (jump->discount, ==, 1800);
  g_assert_cmpint (effect_of (jump, 11)->value, ==, 2);
}

static void
test_levels_reset (void)
{
  g_autoptr(KtScheme) scheme = levels_new (TRUE);
  g_autoptr(KtQuote) silver_only = NULL;
  g_autoptr(KtQuote) gold = NULL;

  /* With a reset Gold's 3000.00 count from Silver, one level at a time. */
  silver_only = level_quote (scheme, 0, 400000);
  g_assert_cmpint (effect_of (silver_only, 11)->value, ==, 1);
  g_assert_cmpint (silver_only->discount, ==, 1200);
  gold = level_quote (scheme, 1, 300000);
  g_assert_cmpint (gold->discount, ==, 1800);
  g_assert_cmpint (effect_of (gold, 11)->value, ==, 2);

  /* Counting points instead of spend. */
  scheme->levels_by_points = TRUE;
  {
    KtScheme *schemes[] = { points_new (), scheme };
    KtSchemeCounter counter = { 11 };
    KtMemberState state = { 0 };
    KtPurchaseInput purchase = purchase_at (10000, "2026-03-02 10:00");
    g_autoptr(KtQuote) quote = NULL;

    state.counters = &counter;
    state.n_counters = 1;
    quote = quote_ok (&state, schemes, 2, &best_settings, &purchase);
    g_assert_cmpint (effect_of (quote, 11)->kind, ==, KT_EFFECT_LEVEL_PROGRESS);
    g_assert_cmpint (effect_of (quote, 11)->value, ==, 500);
    kt_scheme_free (schemes[0]);
  }
}

static void
test_levels_outbid (void)
{
  KtScheme *schemes[] = { levels_new (FALSE), fixed_new (2, "Staff", 3000) };
  KtSchemeCounter counter = { 11 };
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (10000, "2026-03-02 10:00");
  g_autoptr(KtQuote) quote = NULL;

  counter.level_progress = 100000;
  state.counters = &counter;
  state.n_counters = 1;

  /* Staff 30 % beats Silver's 12 %: Silver and its reward stay due. */
  quote = quote_ok (&state, schemes, 2, &best_settings, &purchase);
  g_assert_cmpint (quote->discount, ==, 3000);
  g_assert_cmpint (quote->effects->len, ==, 1);
  g_assert_cmpint (effect_of (quote, 11)->kind, ==, KT_EFFECT_LEVEL_PROGRESS);
  g_assert_cmpint (effect_of (quote, 11)->value, ==, 7000);

  kt_scheme_free (schemes[0]);
  kt_scheme_free (schemes[1]);
}

/* ---- combining -------------------------------------------------------- */

static KtScheme *
shoes_promotion_new (void)
{
  KtScheme *scheme = scheme_new (9, KT_SCHEME_PROMOTION, "Shoe fortnight");

  scheme->bp = 1000;
  scheme->category = g_strdup ("shoes");
  scheme->valid_from = g_strdup ("2026-03-01");
  scheme->valid_to = g_strdup ("2026-03-14");
  return scheme;
}

static void
test_combine (void)
{
  KtScheme *schemes[] = { fixed_new (2, "VIP card", 500), shoes_promotion_new () };
  KtMemberState state = { 0 };
  KtPurchaseInput shoes = purchase_at (20000, "2026-03-02 10:00");
  KtPurchaseInput later = purchase_at (20000, "2026-03-15 10:00");
  KtPurchaseInput socks = purchase_at (20000, "2026-03-02 10:00");
  g_autoptr(KtQuote) best = NULL;
  g_autoptr(KtQuote) added = NULL;
  g_autoptr(KtQuote) over = NULL;
  g_autoptr(KtQuote) other = NULL;

  shoes.category = "shoes";
  later.category = "shoes";
  socks.category = "socks";

  /* Best one wins: the promotion's 10 % beats the card's 5 %. */
  best = quote_ok (&state, schemes, 2, &best_settings, &shoes);
  g_assert_cmpint (best->discount, ==, 2000);
  g_assert_cmpuint (best->lines->len, ==, 1);
  g_assert_cmpstr (line_at (best, 0)->reason, ==, "Shoe fortnight 10 %");

  /* Add up: both. */
  added = quote_ok (&state, schemes, 2, &add_settings, &shoes);
  g_assert_cmpint (added->discount, ==, 3000);
  g_assert_cmpuint (added->lines->len, ==, 2);

  /* After the fortnight, and for another category, only the card. */
  over = quote_ok (&state, schemes, 2, &best_settings, &later);
  g_assert_cmpint (over->discount, ==, 1000);
  other = quote_ok (&state, schemes, 2, &add_settings, &socks);
  g_assert_cmpint (other->discount, ==, 1000);

  kt_scheme_free (schemes[0]);
  kt_scheme_free (schemes[1]);
}

static void
test_cap (void)
{
  KtScheme *schemes[] = { fixed_new (2, "VIP card", 500), shoes_promotion_new () };
  KtCategoryLimit limits[] = { { "shoes", 300 }, { "socks", 2000 } };
  KtQuoteSettings capped = { KT_COMBINE_ADD, 1200, NULL, 0 };
  KtQuoteSettings category = { KT_COMBINE_ADD, 1200, limits, G_N_ELEMENTS (limits) };
  KtMemberState state = { 0 };
  KtPurchaseInput shoes = purchase_at (20000, "2026-03-02 10:00");
  KtPurchaseInput socks = purchase_at (20000, "2026-03-02 10:00");
  g_autoptr(KtQuote) cap = NULL;
  g_autoptr(KtQuote) shoe_max = NULL;
  g_autoptr(KtQuote) sock_max = NULL;

  shoes.category = "shoes";
  socks.category = "socks";

  /* 5 % + 10 % capped at 12 %: the last line gives way. */
  cap = quote_ok (&state, schemes, 2, &capped, &shoes);
  g_assert_cmpint (cap->discount, ==, 2400);
  g_assert_true (cap->limited);
  g_assert_cmpint (line_at (cap, 0)->amount, ==, 1000);
  g_assert_cmpint (line_at (cap, 1)->amount, ==, 1400);

  /* The shoe markup allows 3 %: the promotion's line disappears. */
  shoe_max = quote_ok (&state, schemes, 2, &category, &shoes);
  g_assert_cmpint (shoe_max->discount, ==, 600);
  g_assert_cmpuint (shoe_max->lines->len, ==, 1);
  g_assert_cmpint (line_at (shoe_max, 0)->scheme_id, ==, 2);

  /* A category maximum above the cap does not lift the cap. */
  sock_max = quote_ok (&state, schemes, 2, &category, &socks);
  g_assert_cmpint (sock_max->discount, ==, 1000);
  g_assert_false (sock_max->limited);

  kt_scheme_free (schemes[0]);
  kt_scheme_free (schemes[1]);
}

static void
test_never_above_amount (void)
{
  KtScheme *schemes[] = { fixed_new (2, "Staff", 6000), fixed_new (4, "Clearance", 7000) };
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (999, "2026-03-02 10:00");
  KtPurchaseInput zero = purchase_at (0, "2026-03-02 10:00");
  g_autoptr(KtQuote) quote = NULL;
  g_autoptr(KtQuote) nothing = NULL;

  quote = quote_ok (&state, schemes, 2, &add_settings, &purchase);
  g_assert_cmpint (quote->discount, ==, 999);
  g_assert_cmpint (quote->payable, ==, 0);
  nothing = quote_ok (&state, schemes, 2, &add_settings, &zero);
  g_assert_cmpint (nothing->discount, ==, 0);
  g_assert_cmpuint (nothing->lines->len, ==, 0);

  kt_scheme_free (schemes[0]);
  kt_scheme_free (schemes[1]);
}

static KtMoney
fixed_discount (gint64  bp,
                KtMoney amount)
{
  g_autoptr(KtScheme) scheme = fixed_new (2, "Card", bp);
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (amount, "2026-03-02 10:00");
  g_autoptr(KtQuote) quote = quote_ok (&state, &scheme, 1, &best_settings, &purchase);

  return quote->discount;
}

static void
test_rounding (void)
{
  /* Exactly at the half rounds up, just below it down. */
  g_assert_cmpint (fixed_discount (500, 10), ==, 1);     /* 0.5 */
  g_assert_cmpint (fixed_discount (500, 9), ==, 0);      /* 0.45 */
  g_assert_cmpint (fixed_discount (200, 25), ==, 1);     /* 0.5 */
  g_assert_cmpint (fixed_discount (200, 24), ==, 0);     /* 0.48 */
  g_assert_cmpint (fixed_discount (250, 1100), ==, 28);  /* 27.5 */
  g_assert_cmpint (fixed_discount (250, 1099), ==, 27);  /* 27.475 */
  g_assert_cmpint (fixed_discount (500, KT_MONEY_MAX), ==, KT_MONEY_MAX / 20);
}

/* ---- promotions, audiences, validity ---------------------------------- */

static void
test_promotion_weekend_points (void)
{
  KtScheme *schemes[] = { points_new (), scheme_new (8, KT_SCHEME_PROMOTION, "Double points") };
  KtMemberState state = { 0 };
  KtPurchaseInput saturday = purchase_at (10000, "2026-11-21 10:00");
  KtPurchaseInput monday = purchase_at (10000, "2026-11-23 10:00");
  g_autoptr(KtQuote) weekend = NULL;
  g_autoptr(KtQuote) weekday = NULL;

  schemes[1]->points_multiplier_bp = 20000;
  schemes[1]->weekdays = KT_WEEKDAY_BIT (G_DATE_SATURDAY) | KT_WEEKDAY_BIT (G_DATE_SUNDAY);

  weekend = quote_ok (&state, schemes, 2, &best_settings, &saturday);
  g_assert_cmpint (weekend->points_earned, ==, 1000);
  g_assert_cmpint (weekend->discount, ==, 0);
  weekday = quote_ok (&state, schemes, 2, &best_settings, &monday);
  g_assert_cmpint (weekday->points_earned, ==, 500);

  kt_scheme_free (schemes[0]);
  kt_scheme_free (schemes[1]);
}

static KtMoney
birthday_discount (const char *birth_date,
                   const char *at)
{
  g_autoptr(KtScheme) scheme = scheme_new (8, KT_SCHEME_PROMOTION, "Happy birthday");
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (10000, at);
  g_autoptr(KtQuote) quote = NULL;

  scheme->bp = 1500;
  scheme->birthday_days = 3;
  state.birth_date = birth_date;
  quote = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  return quote->discount;
}

static void
test_promotion_birthday (void)
{
  g_assert_cmpint (birthday_discount ("1990-11-24", "2026-11-21 10:00"), ==, 1500);
  g_assert_cmpint (birthday_discount ("1990-11-24", "2026-11-27 10:00"), ==, 1500);
  g_assert_cmpint (birthday_discount ("1990-11-24", "2026-11-20 10:00"), ==, 0);
  g_assert_cmpint (birthday_discount ("1990-11-24", "2026-11-28 10:00"), ==, 0);
  /* Across new year, and 29 February in a common year. */
  g_assert_cmpint (birthday_discount ("1990-01-02", "2026-12-31 10:00"), ==, 1500);
  g_assert_cmpint (birthday_discount ("1992-02-29", "2027-03-03 10:00"), ==, 1500);
  g_assert_cmpint (birthday_discount ("1992-02-29", "2027-03-04 10:00"), ==, 0);
  g_assert_cmpint (birthday_discount (NULL, "2026-11-21 10:00"), ==, 0);
}

static void
test_audience_and_validity (void)
{
  KtScheme *schemes[] = { progressive_new (1, KT_PERIOD_ALL_TIME),
                          fixed_new (2, "Silver club", 700),
                          fixed_new (4, "Switched off", 9000),
                          fixed_new (10, "Spring sale", 8000) };
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (10000, "2026-03-02 10:00");
  g_autoptr(KtQuote) silver = NULL;
  g_autoptr(KtQuote) bronze = NULL;

  schemes[1]->audience = KT_AUDIENCE_TIER;
  schemes[1]->audience_tier = g_strdup ("Silver");
  schemes[2]->active = FALSE;
  schemes[3]->valid_from = g_strdup ("2026-04-01");

  state.total_spent = 80000;
  silver = quote_ok (&state, schemes, 4, &best_settings, &purchase);
  g_assert_cmpint (silver->discount, ==, 700);
  g_assert_cmpstr (line_at (silver, 0)->reason, ==, "Silver club 7 %");

  state.total_spent = 50000;
  bronze = quote_ok (&state, schemes, 4, &best_settings, &purchase);
  g_assert_cmpint (bronze->discount, ==, 100);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    kt_scheme_free (schemes[i]);
}

static void
test_gift_balance (void)
{
  g_autoptr(KtScheme) scheme = fixed_new (2, "Card", 1000);
  KtMemberState state = { 0 };
  KtPurchaseInput purchase = purchase_at (10000, "2026-03-02 10:00");
  g_autoptr(KtQuote) part = NULL;
  g_autoptr(KtQuote) all = NULL;

  state.gift_balance = 5000;
  part = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  g_assert_cmpint (part->gift_payable, ==, 5000);

  state.gift_balance = 50000;
  all = quote_ok (&state, &scheme, 1, &best_settings, &purchase);
  g_assert_cmpint (all->gift_payable, ==, 9000);
}

/* ---- refusals --------------------------------------------------------- */

static void
test_refusals (void)
{
  g_autoptr(KtScheme) scheme = fixed_new (2, "Card", 500);
  KtMemberState state = { 0 };
  KtQuoteSettings bad_cap = { KT_COMBINE_BEST, 10001, NULL, 0 };
  KtPurchaseInput purchase = purchase_at (-1, "2026-03-02 10:00");

  quote_refused (&state, &scheme, 1, &best_settings, &purchase, "negative");
  purchase.amount = KT_MONEY_MAX + 1;
  quote_refused (&state, &scheme, 1, &best_settings, &purchase, "too large");
  purchase.amount = 100;
  purchase.at = "2026-02-30 10:00";
  quote_refused (&state, &scheme, 1, &best_settings, &purchase, "");
  purchase.at = "2026-03-02 10:00";
  purchase.points_to_redeem = -5;
  quote_refused (&state, &scheme, 1, &best_settings, &purchase, "negative");
  purchase.points_to_redeem = 10;
  quote_refused (&state, &scheme, 1, &best_settings, &purchase, "No bonus points scheme");
  purchase.points_to_redeem = 0;
  purchase.items = -1;
  quote_refused (&state, &scheme, 1, &best_settings, &purchase, "items");
  purchase.items = 0;
  quote_refused (&state, &scheme, 1, &bad_cap, &purchase, "cap");

  scheme->bp = 10001;
  quote_refused (&state, &scheme, 1, &best_settings, &purchase, "Scheme “Card”");
}

static void
test_scheme_validate (void)
{
  g_autoptr(KtScheme) tiers = progressive_new (1, KT_PERIOD_ALL_TIME);
  g_autoptr(KtScheme) stamps = stamps_new ();
  g_autoptr(KtScheme) dates = fixed_new (2, "Card", 500);
  g_autoptr(KtScheme) nameless = fixed_new (2, "  ", 500);
  g_autoptr(KtScheme) days = progressive_new (1, KT_PERIOD_LAST_DAYS);
  g_autoptr(KtScheme) levels = levels_new (FALSE);
  g_autoptr(GError) error = NULL;

  g_assert_true (kt_scheme_validate (tiers, NULL));
  kt_scheme_add_tier (tiers, "Platinum", 80000, 300);
  g_assert_false (kt_scheme_validate (tiers, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);

  kt_scheme_add_stamp_reward (stamps, 6, 400);
  g_assert_false (kt_scheme_validate (stamps, NULL));

  dates->valid_from = g_strdup ("2026-05-01");
  dates->valid_to = g_strdup ("2026-04-30");
  g_assert_false (kt_scheme_validate (dates, NULL));

  g_assert_false (kt_scheme_validate (nameless, NULL));
  g_assert_false (kt_scheme_validate (days, NULL));
  days->period_days = 30;
  g_assert_true (kt_scheme_validate (days, NULL));

  /* Falling level thresholds only make sense when each level resets. */
  kt_scheme_add_level (levels, "Bronze", 50000, 100, 0, NULL);
  g_assert_false (kt_scheme_validate (levels, NULL));
  levels->levels_reset = TRUE;
  g_assert_true (kt_scheme_validate (levels, NULL));
}

static void
test_bp_format (void)
{
  g_autofree char *whole = kt_bp_format (200);
  g_autofree char *tenth = kt_bp_format (250);
  g_autofree char *hundredth = kt_bp_format (25);
  g_autofree char *zero = kt_bp_format (0);

  g_assert_cmpstr (whole, ==, "2 %");
  g_assert_cmpstr (tenth, ==, "2.5 %");
  g_assert_cmpstr (hundredth, ==, "0.25 %");
  g_assert_cmpstr (zero, ==, "0 %");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quote/progressive", test_progressive);
  g_test_add_func ("/quote/fixed-vip", test_fixed_vip);
  g_test_add_func ("/quote/nth/eleventh-purchase", test_eleventh_purchase);
  g_test_add_func ("/quote/nth/window", test_eleventh_window);
  g_test_add_func ("/quote/nth/outbid", test_eleventh_outbid);
  g_test_add_func ("/quote/nth/items", test_nth_items);
  g_test_add_func ("/quote/referral", test_referral);
  g_test_add_func ("/quote/stamps", test_stamps);
  g_test_add_func ("/quote/points/earn-redeem", test_points);
  g_test_add_func ("/quote/points/limits", test_points_limits);
  g_test_add_func ("/quote/period/year-rollover", test_year_rollover);
  g_test_add_func ("/quote/period/last-days", test_last_days);
  g_test_add_func ("/quote/levels/cumulative", test_levels);
  g_test_add_func ("/quote/levels/reset", test_levels_reset);
  g_test_add_func ("/quote/levels/outbid", test_levels_outbid);
  g_test_add_func ("/quote/combine/policies", test_combine);
  g_test_add_func ("/quote/combine/cap", test_cap);
  g_test_add_func ("/quote/combine/never-above-amount", test_never_above_amount);
  g_test_add_func ("/quote/rounding", test_rounding);
  g_test_add_func ("/quote/promotion/weekend-points", test_promotion_weekend_points);
  g_test_add_func ("/quote/promotion/birthday", test_promotion_birthday);
  g_test_add_func ("/quote/audience-validity", test_audience_and_validity);
  g_test_add_func ("/quote/gift-balance", test_gift_balance);
  g_test_add_func ("/quote/refusals", test_refusals);
  g_test_add_func ("/scheme/validate", test_scheme_validate);
  g_test_add_func ("/scheme/bp-format", test_bp_format);

  return g_test_run ();
}
