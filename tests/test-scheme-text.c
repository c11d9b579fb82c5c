/* test-scheme-text.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the Schemes view puts a scheme into words, and reads the numbers
 * typed into the editor's fields. Pure functions: no display needed.
 */

#define G_LOG_DOMAIN "test-scheme-text"

#include "config.h"

#include <glib.h>
#include <locale.h>

#include "core/kt-error.h"
#include "gui/kt-scheme-text.h"

static void
set_dates (KtScheme   *scheme,
           const char *from,
           const char *to)
{
  g_free (scheme->valid_from);
  g_free (scheme->valid_to);
  scheme->valid_from = g_strdup (from);
  scheme->valid_to = g_strdup (to);
}

static void
assert_validity (KtScheme   *scheme,
                 const char *from,
                 const char *to,
                 const char *today,
                 const char *expected)
{
  g_autofree char *text = NULL;

  set_dates (scheme, from, to);
  text = kt_scheme_describe_validity (scheme, today);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_validity (void)
{
  g_autoptr(KtScheme) scheme = kt_scheme_new (KT_SCHEME_PROMOTION);

  assert_validity (scheme, NULL, NULL, "2026-12-05", "always");
  assert_validity (scheme, "2026-12-01", "2026-12-14", "2026-12-05", "1–14 Dec 2026");
  assert_validity (scheme, "2026-11-28", "2026-12-14", "2026-12-05", "28 Nov – 14 Dec 2026");
  assert_validity (scheme, "2026-12-28", "2027-01-03", "2026-12-05", "28 Dec 2026 – 3 Jan 2027");
  assert_validity (scheme, "2026-12-24", "2026-12-24", "2026-12-05", "24 Dec 2026");
  assert_validity (scheme, "2026-12-01", NULL, "2026-12-05", "from 1 Dec 2026");
  assert_validity (scheme, NULL, "2026-12-14", "2026-12-05", "until 14 Dec 2026");
  assert_validity (scheme, "2026-12-01", "2026-12-14", "2026-12-15", "1–14 Dec 2026 (ended)");
}

static void
test_audience (void)
{
  g_autoptr(KtScheme) scheme = kt_scheme_new (KT_SCHEME_FIXED);
  g_autofree char *everyone = kt_scheme_describe_audience (scheme);
  g_autofree char *vip = NULL;
  g_autofree char *gold = NULL;

  g_assert_cmpstr (everyone, ==, "Everyone");

  scheme->audience = KT_AUDIENCE_STATUS;
  scheme->audience_status = KT_MEMBER_VIP;
  vip = kt_scheme_describe_audience (scheme);
  g_assert_cmpstr (vip, ==, "VIP members");

  scheme->audience = KT_AUDIENCE_TIER;
  scheme->audience_tier = g_strdup ("Gold");
  gold = kt_scheme_describe_audience (scheme);
  g_assert_cmpstr (gold, ==, "Gold tier");
}

static void
assert_rule (const KtScheme *scheme,
             const char     *expected)
{
  g_autofree char *text = kt_scheme_describe_rule (scheme, NULL);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_rules (void)
{
  g_autoptr(KtScheme) fixed = kt_scheme_new (KT_SCHEME_FIXED);
  g_autoptr(KtScheme) tiers = kt_scheme_new (KT_SCHEME_PROGRESSIVE);
  g_autoptr(KtScheme) points = kt_scheme_new (KT_SCHEME_POINTS);
  g_autoptr(KtScheme) nth = kt_scheme_new (KT_SCHEME_NTH_PURCHASE);
  g_autoptr(KtScheme) stamps = kt_scheme_new (KT_SCHEME_STAMPS);
  g_autoptr(KtScheme) referral = kt_scheme_new (KT_SCHEME_REFERRAL);
  g_autoptr(KtScheme) promotion = kt_scheme_new (KT_SCHEME_PROMOTION);
  g_autoptr(KtScheme) levels = kt_scheme_new (KT_SCHEME_LEVELS);

  /* Numbers and their % sign never break apart: a no-break space. */
  fixed->bp = 500;
  assert_rule (fixed, "5\u00a0% on every purchase");

  kt_scheme_add_tier (tiers, "Bronze", 50000, 200);
  kt_scheme_add_tier (tiers, "Silver", 80000, 300);
  tiers->period = KT_PERIOD_LAST_DAYS;
  tiers->period_days = 365;
  assert_rule (tiers, "Bronze 2\u00a0% from 500.00, Silver 3\u00a0% from 800.00, "
                      "spent in the last 365 days");

  points->earn_bp = 100;
  points->activation_days = 14;
  points->expiry_months = 12;
  points->max_share_bp = 5000;
  assert_rule (points, "1\u00a0% back as points, usable after 14 days, expire after 12 months, "
                       "pay up to 50\u00a0%");

  nth->nth_count = 10;
  nth->nth_window_days = 365;
  nth->nth_reward_bp = 1000;
  assert_rule (nth, "10\u00a0% of the last 10 purchases back on the next one, within 365 days");

  kt_scheme_add_stamp_reward (stamps, 5, 300);
  kt_scheme_add_stamp_reward (stamps, 7, 500);
  assert_rule (stamps, "5 stamps: 3\u00a0%, 7 stamps: 5\u00a0%");

  referral->referrer_bp = 500;
  referral->newcomer_bp = 800;
  assert_rule (referral, "referrer +5\u00a0%, newcomer 8\u00a0%");

  promotion->points_multiplier_bp = 20000;
  promotion->weekdays = KT_WEEKDAY_BIT (G_DATE_SATURDAY) | KT_WEEKDAY_BIT (G_DATE_SUNDAY);
  assert_rule (promotion, "×2 points, Sat Sun");
  promotion->points_multiplier_bp = 0;
  promotion->weekdays = 0;
  promotion->bp = 1000;
  promotion->birthday_days = 3;
  promotion->category = g_strdup ("Cakes");
  assert_rule (promotion, "10\u00a0% off, on Cakes, 3 days around the member’s birthday");

  levels->levels_by_points = TRUE;
  kt_scheme_add_level (levels, "Friend", 1000, 100, 500, "Tote bag");
  assert_rule (levels, "Friend at 1\u202f000 points: 1\u00a0%");
}

static void
test_numbers (void)
{
  gint64 value = -1;
  g_autoptr(GError) error = NULL;

  g_assert_true (kt_percent_parse ("5", &value, NULL));
  g_assert_cmpint (value, ==, 500);
  g_assert_true (kt_percent_parse (" 2,5 % ", &value, NULL));
  g_assert_cmpint (value, ==, 250);
  g_assert_true (kt_percent_parse ("0.25", &value, NULL));
  g_assert_cmpint (value, ==, 25);
  g_assert_true (kt_percent_parse ("", &value, NULL));
  g_assert_cmpint (value, ==, 0);
  /* Over 100 % reads: the scheme's rules refuse it, in their words. */
  g_assert_true (kt_percent_parse ("150", &value, NULL));
  g_assert_cmpint (value, ==, 15000);
  g_assert_false (kt_percent_parse ("0.125", &value, &error));
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kt_percent_parse ("-5", &value, NULL));
  g_assert_false (kt_percent_parse ("five", &value, NULL));
  g_assert_false (kt_percent_parse (".5", &value, NULL));

  g_assert_true (kt_multiplier_parse ("×1.5", &value, NULL));
  g_assert_cmpint (value, ==, 15000);
  g_assert_false (kt_multiplier_parse ("2x", &value, NULL));

  g_assert_true (kt_whole_parse ("1 000", &value, NULL));
  g_assert_cmpint (value, ==, 1000);
  g_assert_false (kt_whole_parse ("10.5", &value, NULL));

  {
    g_autofree char *percent = kt_percent_to_text (250);
    g_autofree char *whole = kt_percent_to_text (300);
    g_autofree char *multiplier = kt_multiplier_to_text (15000);

    g_assert_cmpstr (percent, ==, "2.5");
    g_assert_cmpstr (whole, ==, "3");
    g_assert_cmpstr (multiplier, ==, "1.5");
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scheme-text/validity", test_validity);
  g_test_add_func ("/scheme-text/audience", test_audience);
  g_test_add_func ("/scheme-text/rules", test_rules);
  g_test_add_func ("/scheme-text/numbers", test_numbers);

  return g_test_run ();
}
