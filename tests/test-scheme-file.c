/* test-scheme-file.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scheme files: an example with every kind loads with the values a shop
 * owner wrote, saving and loading gives back the same programme, and bad
 * files are refused with the line and the reason.
 */

#define G_LOG_DOMAIN "test-scheme-file"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "core/kt-error.h"
#include "core/kt-scheme-file.h"

static const char example[] =
  "# The Corner Shop's loyalty programme\n"
  "[Programme]\n"
  "combine = add\n"
  "cap = 15 %\n"
  "max-discount-Food = 5 %\n"
  "\n"
  "[Scheme VIP]\n"
  "kind = fixed\n"
  "applies-to = status vip\n"
  "discount = 5 %\n"
  "\n"
  "[Scheme Gold tiers]\n"
  "kind = progressive\n"
  "period = last 365 days\n"
  "tier-Bronze = 500.00 : 1 %\n"
  "tier-Silver = 800.00 : 2.5 %\n"
  "\n"
  "[Scheme Points]\n"
  "kind = points\n"
  "earn = 1 %\n"
  "activation-days = 14\n"
  "min-balance = 1000\n"
  "expiry-months = 12\n"
  "max-share = 50 %\n"
  "\n"
  "[Scheme Eleventh purchase]\n"
  "kind = nth-purchase\n"
  "count = 10\n"
  "window-days = 365\n"
  "reward = 10 %\n"
  "\n"
  "[Scheme Coffee card]\n"
  "kind = stamps\n"
  "categories = Coffee;Tea\n"
  "reward-5 = 3 %\n"
  "reward-7 = 5 %\n"
  "\n"
  "[Scheme Bring a friend]\n"
  "kind = referral\n"
  "referrer-extra = 5 %\n"
  "newcomer = 8 %\n"
  "\n"
  "[Scheme Weekend points]\n"
  "kind = promotion\n"
  "valid-from = 2026-06-01\n"
  "valid-to = 2026-08-31\n"
  "applies-to = tier Silver\n"
  "weekdays = sat,sun\n"
  "points-multiplier = 2\n"
  "\n"
  "[Scheme Club]\n"
  "kind = levels\n"
  "active = no\n"
  "count = points\n"
  "reset = no\n"
  "level-Friend = 1000 : 1 % : 5 % : Tote bag\n"
  "level-Insider = 5000 : 2 % : 0 %\n";

static KtProgramme *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  KtProgramme *programme = kt_scheme_file_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (programme);
  return programme;
}

static KtScheme *
scheme_at (KtProgramme *programme,
           guint        i)
{
  return g_ptr_array_index (programme->schemes, i);
}

static void
test_example (void)
{
  g_autoptr(KtProgramme) programme = parse_ok (example);
  const KtScheme *s;
  const KtTier *tier;
  const KtLevel *level;

  g_assert_cmpint (programme->combine, ==, KT_COMBINE_ADD);
  g_assert_cmpint (programme->cap_bp, ==, 1500);
  g_assert_cmpuint (programme->limits->len, ==, 1);
  g_assert_cmpstr (g_array_index (programme->limits, KtCategoryLimit, 0).category, ==, "Food");
  g_assert_cmpint (g_array_index (programme->limits, KtCategoryLimit, 0).max_bp, ==, 500);
  g_assert_cmpuint (programme->schemes->len, ==, 8);

  s = scheme_at (programme, 0);
  g_assert_cmpstr (s->name, ==, "VIP");
  g_assert_cmpint (s->kind, ==, KT_SCHEME_FIXED);
  g_assert_cmpint (s->audience, ==, KT_AUDIENCE_STATUS);
  g_assert_cmpint (s->audience_status, ==, KT_MEMBER_VIP);
  g_assert_cmpint (s->bp, ==, 500);
  g_assert_true (s->active);

  s = scheme_at (programme, 1);
  g_assert_cmpint (s->period, ==, KT_PERIOD_LAST_DAYS);
  g_assert_cmpint (s->period_days, ==, 365);
  g_assert_cmpuint (s->tiers->len, ==, 2);
  tier = &g_array_index (s->tiers, KtTier, 1);
  g_assert_cmpstr (tier->name, ==, "Silver");
  g_assert_cmpint (tier->threshold, ==, 80000);
  g_assert_cmpint (tier->bp, ==, 250);

  s = scheme_at (programme, 2);
  g_assert_cmpint (s->earn_bp, ==, 100);
  g_assert_cmpint (s->activation_days, ==, 14);
  g_assert_cmpint (s->min_balance, ==, 1000);
  g_assert_cmpint (s->expiry_months, ==, 12);
  g_assert_cmpint (s->max_share_bp, ==, 5000);

  s = scheme_at (programme, 3);
  g_assert_cmpint (s->nth_count, ==, 10);
  g_assert_cmpint (s->nth_window_days, ==, 365);
  g_assert_cmpint (s->nth_reward_bp, ==, 1000);
  g_assert_false (s->nth_count_items);

  s = scheme_at (programme, 4);
  g_assert_cmpuint (g_strv_length (s->stamp_categories), ==, 2);
  g_assert_cmpstr (s->stamp_categories[1], ==, "Tea");
  g_assert_cmpint (g_array_index (s->stamp_rewards, KtStampReward, 1).stamps, ==, 7);
  g_assert_cmpint (g_array_index (s->stamp_rewards, KtStampReward, 1).bp, ==, 500);

  s = scheme_at (programme, 5);
  g_assert_cmpint (s->referrer_bp, ==, 500);
  g_assert_cmpint (s->newcomer_bp, ==, 800);

  s = scheme_at (programme, 6);
  g_assert_cmpstr (s->valid_from, ==, "2026-06-01");
  g_assert_cmpstr (s->valid_to, ==, "2026-08-31");
  g_assert_cmpint (s->audience, ==, KT_AUDIENCE_TIER);
  g_assert_cmpstr (s->audience_tier, ==, "Silver");
  g_assert_cmpuint (s->weekdays, ==, KT_WEEKDAY_BIT (G_DATE_SATURDAY) | KT_WEEKDAY_BIT (G_DATE_SUNDAY));
  g_assert_cmpint (s->points_multiplier_bp, ==, 20000);
  g_assert_cmpint (s->birthday_days, ==, -1);

  s = scheme_at (programme, 7);
  g_assert_false (s->active);
  g_assert_true (s->levels_by_points);
  g_assert_cmpuint (s->levels->len, ==, 2);
  level = &g_array_index (s->levels, KtLevel, 0);
  g_assert_cmpstr (level->name, ==, "Friend");
  g_assert_cmpint (level->threshold, ==, 1000);
  g_assert_cmpint (level->reward_bp, ==, 500);
  g_assert_cmpstr (level->gift, ==, "Tote bag");
  g_assert_null (g_array_index (s->levels, KtLevel, 1).gift);
}

/* ---- round trip --------------------------------------------------------- */

static void
assert_same_scheme (const KtScheme *a,
                    const KtScheme *b)
{
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpint (a->active, ==, b->active);
  g_assert_cmpstr (a->valid_from, ==, b->valid_from);
  g_assert_cmpstr (a->valid_to, ==, b->valid_to);
  g_assert_cmpint (a->audience, ==, b->audience);
  if (a->audience == KT_AUDIENCE_STATUS)
    g_assert_cmpint (a->audience_status, ==, b->audience_status);
  g_assert_cmpstr (a->audience_tier, ==, b->audience_tier);
  g_assert_cmpint (a->bp, ==, b->bp);
  g_assert_cmpint (a->period, ==, b->period);
  g_assert_cmpint (a->period_days, ==, b->period_days);
  g_assert_cmpuint (a->tiers->len, ==, b->tiers->len);
  for (guint i = 0; i < a->tiers->len; i++)
    {
      const KtTier *x = &g_array_index (a->tiers, KtTier, i);
      const KtTier *y = &g_array_index (b->tiers, KtTier, i);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->threshold, ==, y->threshold);
      g_assert_cmpint (x->bp, ==, y->bp);
    }
  g_assert_cmpint (a->earn_bp, ==, b->earn_bp);
  g_assert_cmpint (a->activation_days, ==, b->activation_days);
  g_assert_cmpint (a->min_balance, ==, b->min_balance);
  g_assert_cmpint (a->expiry_months, ==, b->expiry_months);
  g_assert_cmpint (a->max_share_bp, ==, b->max_share_bp);
  g_assert_cmpint (a->nth_count, ==, b->nth_count);
  g_assert_cmpint (a->nth_window_days, ==, b->nth_window_days);
  g_assert_cmpint (a->nth_reward_bp, ==, b->nth_reward_bp);
  g_assert_cmpint (a->nth_count_items, ==, b->nth_count_items);
  g_assert_cmpint (a->stamp_categories == NULL, ==, b->stamp_categories == NULL);
  if (a->stamp_categories != NULL)
    g_assert_true (g_strv_equal ((const char *const *) a->stamp_categories,
                                 (const char *const *) b->stamp_categories));
  g_assert_cmpuint (a->stamp_rewards->len, ==, b->stamp_rewards->len);
  for (guint i = 0; i < a->stamp_rewards->len; i++)
    {
      g_assert_cmpint (g_array_index (a->stamp_rewards, KtStampReward, i).stamps, ==,
                       g_array_index (b->stamp_rewards, KtStampReward, i).stamps);
      g_assert_cmpint (g_array_index (a->stamp_rewards, KtStampReward, i).bp, ==,
                       g_array_index (b->stamp_rewards, KtStampReward, i).bp);
    }
  g_assert_cmpint (a->referrer_bp, ==, b->referrer_bp);
  g_assert_cmpint (a->newcomer_bp, ==, b->newcomer_bp);
  g_assert_cmpuint (a->weekdays, ==, b->weekdays);
  g_assert_cmpstr (a->category, ==, b->category);
  g_assert_cmpint (a->birthday_days, ==, b->birthday_days);
  g_assert_cmpint (a->points_multiplier_bp, ==, b->points_multiplier_bp);
  g_assert_cmpuint (a->levels->len, ==, b->levels->len);
  for (guint i = 0; i < a->levels->len; i++)
    {
      const KtLevel *x = &g_array_index (a->levels, KtLevel, i);
      const KtLevel *y = &g_array_index (b->levels, KtLevel, i);

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->threshold, ==, y->threshold);
      g_assert_cmpint (x->bp, ==, y->bp);
      g_assert_cmpint (x->reward_bp, ==, y->reward_bp);
      g_assert_cmpstr (x->gift, ==, y->gift);
    }
  g_assert_cmpint (a->levels_by_points, ==, b->levels_by_points);
  g_assert_cmpint (a->levels_reset, ==, b->levels_reset);
}

/* One scheme of every kind, with values that differ from the defaults. */
static GPtrArray *
every_kind (void)
{
  GPtrArray *schemes = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_scheme_free);
  KtScheme *s;

#define ADD(kind_, name_) \
  s = kt_scheme_new (kind_); g_free (s->name); s->name = g_strdup (name_); \
  g_ptr_array_add (schemes, s)

  ADD (KT_SCHEME_FIXED, "Staff; 50 % off");
  s->bp = 5025;
  s->active = FALSE;
  s->valid_from = g_strdup ("2026-01-01");
  s->valid_to = g_strdup ("2026-01-01");

  ADD (KT_SCHEME_PROGRESSIVE, "Yearly tiers");
  s->period = KT_PERIOD_CALENDAR_YEAR;
  kt_scheme_add_tier (s, "Bronze: entry", 0, 0);
  kt_scheme_add_tier (s, "Gold #1", 123456, 1);

  ADD (KT_SCHEME_POINTS, "Points");
  s->earn_bp = 150;
  s->activation_days = 30;
  s->min_balance = 250;
  s->expiry_months = 24;
  s->max_share_bp = 10000;

  ADD (KT_SCHEME_NTH_PURCHASE, "Every fifth item");
  s->nth_count = 5;
  s->nth_count_items = TRUE;
  s->nth_reward_bp = 10;
  s->audience = KT_AUDIENCE_TIER;
  s->audience_tier = g_strdup ("Gold #1");

  ADD (KT_SCHEME_STAMPS, "Stamps");
  s->stamp_categories = g_strsplit ("Shoes;Bags,belts", ";", -1);
  kt_scheme_add_stamp_reward (s, 3, 200);
  kt_scheme_add_stamp_reward (s, 10, 10000);

  ADD (KT_SCHEME_REFERRAL, "Referral");
  s->referrer_bp = 500;
  s->newcomer_bp = 800;
  s->audience = KT_AUDIENCE_STATUS;
  s->audience_status = KT_MEMBER_REGULAR;

  ADD (KT_SCHEME_PROMOTION, "Birthday");
  s->bp = 1000;
  s->birthday_days = 3;
  s->category = g_strdup ("Cakes & sweets");
  s->weekdays = KT_WEEKDAYS_ALL;
  s->points_multiplier_bp = 15000;

  ADD (KT_SCHEME_PROMOTION, "Monday sale");
  s->bp = 5;
  s->weekdays = KT_WEEKDAY_BIT (G_DATE_MONDAY);

  ADD (KT_SCHEME_LEVELS, "Club");
  s->levels_reset = TRUE;
  kt_scheme_add_level (s, "One", 50000, 100, 500, "Mug: white");
  kt_scheme_add_level (s, "Two", 50000, 200, 0, NULL);
#undef ADD

  return schemes;
}

static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) schemes = every_kind ();
  KtCategoryLimit limits[] = { { "Food & drink", 250 }, { "Tobacco", 0 } };
  KtQuoteSettings settings = { KT_COMBINE_BEST, 1525, limits, G_N_ELEMENTS (limits) };
  KtQuoteSettings back;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autoptr(KtProgramme) programme = NULL;

  text = kt_scheme_file_to_data ((KtScheme *const *) schemes->pdata, schemes->len,
                                 &settings, &error);
  g_assert_no_error (error);
  programme = parse_ok (text);

  kt_programme_get_settings (programme, &back);
  g_assert_cmpint (back.combine, ==, settings.combine);
  g_assert_cmpint (back.cap_bp, ==, settings.cap_bp);
  g_assert_cmpuint (back.n_limits, ==, settings.n_limits);
  for (guint i = 0; i < back.n_limits; i++)
    {
      g_assert_cmpstr (back.limits[i].category, ==, limits[i].category);
      g_assert_cmpint (back.limits[i].max_bp, ==, limits[i].max_bp);
    }

  g_assert_cmpuint (programme->schemes->len, ==, schemes->len);
  for (guint i = 0; i < schemes->len; i++)
    assert_same_scheme (g_ptr_array_index (schemes, i), scheme_at (programme, i));

  /* And the text itself is stable. */
  again = kt_scheme_file_to_data ((KtScheme *const *) programme->schemes->pdata,
                                  programme->schemes->len, &back, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, text);
}

static void
test_file (void)
{
  g_autoptr(KtProgramme) programme = parse_ok (example);
  g_autoptr(KtProgramme) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kt-scheme-file-XXXXXX", &error);
  g_autofree char *path = NULL;
  KtQuoteSettings settings;

  g_assert_no_error (error);
  path = g_build_filename (dir, "programme.ini", NULL);
  kt_programme_get_settings (programme, &settings);
  g_assert_true (kt_scheme_file_save (path, (KtScheme *const *) programme->schemes->pdata,
                                      programme->schemes->len, &settings, &error));
  g_assert_no_error (error);
  back = kt_scheme_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->schemes->len, ==, 8);
  for (guint i = 0; i < back->schemes->len; i++)
    assert_same_scheme (scheme_at (programme, i), scheme_at (back, i));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_unwritable_name (void)
{
  g_autoptr(KtScheme) scheme = kt_scheme_new (KT_SCHEME_FIXED);
  KtQuoteSettings settings = { KT_COMBINE_BEST, 0, NULL, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_free (scheme->name);
  scheme->name = g_strdup ("Gold [old]");
  text = kt_scheme_file_to_data (&scheme, 1, &settings, &error);
  g_assert_null (text);
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Gold [old]"));
}

/* ---- refusals ----------------------------------------------------------- */

typedef struct
{
  const char *text;
  int         line;
  const char *phrase;
} Refusal;

#define HEAD "[Programme]\ncombine = best\n\n"   /* lines 1-3 */

static const Refusal refusals[] = {
  { HEAD "[Scheme A]\nkind = golden\ndiscount = 1 %\n", 5, "not a kind of scheme" },
  { HEAD "[Scheme A]\nkind = fixed\ndiscount = 1 %\ncolour = red\n", 7, "no setting “colour”" },
  { HEAD "[Scheme A]\nkind = fixed\n", 4, "needs the setting “discount”" },
  { HEAD "[Scheme A]\nkind = fixed\ndiscount = lots\n", 6, "not a percentage" },
  { HEAD "[Scheme A]\nkind = fixed\ndiscount = 120 %\n", 6, "over 100 %" },
  { HEAD "[Scheme A]\nkind = fixed\ndiscount = 1.255 %\n", 6, "not a percentage" },
  { HEAD "[Scheme A]\nkind = fixed\ndiscount = 1 %\nvalid-from = 2026-02-30\n", 7,
    "YYYY-MM-DD" },
  { HEAD "[Scheme A]\nkind = fixed\ndiscount = 1 %\nvalid-from = 2026-03-01\n"
    "valid-to = 2026-02-01\n", 4, "ends before it starts" },
  { HEAD "[Scheme A]\nkind = fixed\ndiscount = 1 %\n\n[Scheme a]\nkind = fixed\n"
    "discount = 2 %\n", 8, "already called" },
  { HEAD "[Scheme A]\nkind = fixed\ndiscount = 1 %\n\n[Scheme A]\nkind = fixed\n", 8,
    "appears twice" },
  { HEAD "[Scheme A]\nkind = fixed\ndiscount = 1 %\ndiscount = 2 %\n", 7, "set twice" },
  { HEAD "[Scheme T]\nkind = progressive\nperiod = all time\ntier-Gold = 800.00 : 2 %\n"
    "tier-Silver = 500.00 : 1 %\n", 4, "must grow" },
  { HEAD "[Scheme T]\nkind = progressive\nperiod = all time\ntier-Gold = 8OO : 2 %\n", 7,
    "“8OO”" },
  { HEAD "[Scheme T]\nkind = progressive\nperiod = fortnightly\ntier-Gold = 1.00 : 2 %\n", 6,
    "the period must be" },
  { HEAD "[Scheme P]\nkind = promotion\ndiscount = 5 %\nweekdays = sat,sunday\n", 7,
    "“sunday” is not a weekday" },
  { HEAD "[Scheme N]\nkind = nth-purchase\ncount = -3\nreward = 10 %\n", 6,
    "not a whole number" },
  { HEAD "[Scheme S]\nkind = stamps\nreward-five = 3 %\n", 6, "number of stamps" },
  { HEAD "[Scheme L]\nkind = levels\ncount = spend\nreset = maybe\n", 7, "“yes” or “no”" },
  { HEAD "[Scheme A]\nkind = fixed\ndiscount = 1 %\napplies-to = status gold\n", 7,
    "member status “gold”" },
  { HEAD "[Scheme ]\nkind = fixed\ndiscount = 1 %\n", 4, "needs a name" },
  { HEAD "[Offers]\nkind = fixed\n", 4, "neither [Programme] nor" },
  { HEAD "[Scheme A]\nkind = fixed\ndiscount 1 %\n", 6, "neither a [group] heading" },
  { "discount = 1 %\n[Programme]\ncombine = best\n", 1, "before the first" },
  { "[Scheme A]\nkind = fixed\ndiscount = 1 %\n", 1, "no [Programme] group" },
  { "[Programme]\ncombine = most\n", 2, "“best” or “add”" },
  { "[Programme]\ncombine = add\ncap = 15 %\nmax-discount-Food = 101 %\n", 4, "over 100 %" },
  { "[Programme]\ncombine = add\nmargin = 15 %\n", 3, "has no setting “margin”" },
  { "[Programme]\n", 1, "needs the setting “combine”" },
  { HEAD "[Scheme A]\nkind = fixed\ndiscount = 1 %\nname = \xff\n", 7, "UTF-8" },
  { HEAD "[Scheme A]\nkind = points\nearn = 1 %\nmax-share = 50 %\nexpiry-months = 240\n",
    4, "expiry" },
};

static void
test_refusal (gconstpointer data)
{
  const Refusal *refusal = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = g_strdup_printf ("Line %d: ", refusal->line);
  KtProgramme *programme = kt_scheme_file_parse (refusal->text, -1, &error);

  g_assert_null (programme);
  g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, refusal->phrase) == NULL)
    g_error ("expected “%s…%s”, got “%s”", prefix, refusal->phrase, error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scheme-file/example", test_example);
  g_test_add_func ("/scheme-file/round-trip", test_round_trip);
  g_test_add_func ("/scheme-file/file", test_file);
  g_test_add_func ("/scheme-file/unwritable-name", test_unwritable_name);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/scheme-file/refusal/%02u", i);

      g_test_add_data_func (path, &refusals[i], test_refusal);
    }

  return g_test_run ();
}
