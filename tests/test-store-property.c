/* test-store-property.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A property of the register: whatever the till does — purchases with
 * every kind of scheme, points redeemed, partial and full refunds (and
 * refused ones), points added and taken by hand, gift cards, expiry runs —
 * the counters, balances and lots always equal their history, and a
 * refused operation changes nothing. Random sequences from the GLib test
 * seed (run with --seed=... to repeat one), `check` after every sequence.
 */

#define G_LOG_DOMAIN "test-store-property"

#include "config.h"

#include <glib.h>
#include <locale.h>

#include "core/kt-scheme-file.h"
#include "kt-test-util.h"
#include "store/kt-store-till.h"

#define REGISTERS 12
#define SEQUENCES_PER_REGISTER 90
#define STEPS_MIN 4
#define STEPS_MAX 14

/* Every kind of scheme at once, adding up under a cap, so that every
 * counter moves. */
static const char programme_text[] =
  "[Programme]\n"
  "combine = add\n"
  "cap = 30 %\n"
  "max-discount-Food = 5 %\n"
  "[Scheme Tiers]\nkind = progressive\nperiod = all time\n"
  "tier-Bronze = 50.00 : 1 %\ntier-Silver = 200.00 : 2 %\n"
  "[Scheme Year]\nkind = progressive\nperiod = calendar year\ntier-Year = 100.00 : 1.5 %\n"
  "[Scheme Window]\nkind = progressive\nperiod = last 30 days\ntier-Busy = 80.00 : 2.5 %\n"
  "[Scheme VIP]\nkind = fixed\napplies-to = status vip\ndiscount = 5 %\n"
  "[Scheme Points]\nkind = points\nearn = 5 %\nactivation-days = 3\nmin-balance = 20\n"
  "expiry-months = 2\nmax-share = 50 %\n"
  "[Scheme Fifth]\nkind = nth-purchase\ncount = 4\nwindow-days = 40\nreward = 10 %\n"
  "[Scheme Stamps]\nkind = stamps\ncategories = Coffee;Tea\nreward-3 = 3 %\nreward-5 = 6 %\n"
  "[Scheme Friends]\nkind = referral\nreferrer-extra = 1 %\nnewcomer = 2 %\n"
  "[Scheme Weekend]\nkind = promotion\nweekdays = sat,sun\npoints-multiplier = 2\n"
  "[Scheme Ladder]\nkind = levels\ncount = points\nreset = no\n"
  "level-One = 100 : 0.5 % : 5 %\nlevel-Two = 400 : 1 % : 10 % : A mug\n";

static const char *const categories[] = { NULL, "Coffee", "Tea", "Food", "Shoes" };

typedef struct
{
  KtTestRegister  reg;
  GArray         *purchases;    /* gint64 ids of this register */
  guint           recorded;
  guint           refunded;
  guint           refused;
  guint           adjusted;
} Run;

static char *
at_days_ago (int days,
             int minutes)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);
  g_autofree char *day = g_date_time_format (then, "%Y-%m-%d");

  return g_strdup_printf ("%s %02d:%02d:00", day, 8 + minutes / 60, minutes % 60);
}

/* The figures a refused operation must leave as they were. */
static char *
member_fingerprint (Run    *run,
                    gint64  member_id)
{
  g_autoptr(KtMember) m = kt_store_member_get (run->reg.store, member_id, NULL);
  g_autoptr(KtMemberStanding) s = kt_store_member_standing (run->reg.store, member_id, NULL, NULL);

  g_assert_nonnull (m);
  g_assert_nonnull (s);
  return g_strdup_printf ("%lld/%lld/%lld/%lld/%lld", (long long) m->total_spent,
                          (long long) m->purchase_count, (long long) m->points,
                          (long long) s->gift_balance, (long long) s->points_usable);
}

static void
step_purchase (Run    *run,
               gint64  member_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = at_days_ago (g_test_rand_int_range (0, 50),
                                     g_test_rand_int_range (0, 600));
  KtPurchaseInput purchase = { 0 };
  g_autoptr(KtQuote) shown = NULL;
  g_autoptr(KtQuote) recorded = NULL;
  gint64 id;

  purchase.at = at;
  purchase.amount = g_test_rand_int_range (1, 40000);
  purchase.items = g_test_rand_int_range (0, 6);
  purchase.category = categories[g_test_rand_int_range (0, G_N_ELEMENTS (categories))];
  purchase.redeem_stamps = g_test_rand_bit ();

  shown = kt_store_quote (run->reg.store, member_id, &purchase, &error);
  g_assert_no_error (error);
  if (shown->points_redeemable > 0 && g_test_rand_bit ())
    {
      purchase.points_to_redeem = g_test_rand_int_range (1, (gint32) MIN (shown->points_redeemable,
                                                                          G_MAXINT32 - 1) + 1);
      g_clear_pointer (&shown, kt_quote_free);
      shown = kt_store_quote (run->reg.store, member_id, &purchase, &error);
      g_assert_no_error (error);
    }

  id = kt_store_purchase_record (run->reg.store, member_id, NULL, &purchase, shown,
                                 &recorded, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (recorded->discount, ==, shown->discount);
  g_assert_cmpint (recorded->discount + recorded->points_redeemed + recorded->payable, ==,
                   purchase.amount);
  g_array_append_val (run->purchases, id);
  run->recorded++;
}

static void
step_refund (Run    *run,
             gint64  member_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KtPurchase) purchase = NULL;
  g_autoptr(KtRefund) refund = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id;
  KtMoney left, amount;

  if (run->purchases->len == 0)
    return;
  id = g_array_index (run->purchases, gint64, g_test_rand_int_range (0, (gint32) run->purchases->len));
  purchase = kt_store_purchase_get (run->reg.store, id, NULL, &error);
  g_assert_no_error (error);
  left = purchase->amount - purchase->refunded;

  /* All that is left, part of it, or (refused) more than that. */
  switch (g_test_rand_int_range (0, 4))
    {
    case 0:
      amount = 0;
      break;
    case 1:
      amount = left + g_test_rand_int_range (1, 1000);
      break;
    default:
      amount = left > 1 ? g_test_rand_int_range (1, (gint32) MIN (left, G_MAXINT32)) : left;
      break;
    }

  before = member_fingerprint (run, purchase->member_id);
  refund = kt_store_purchase_refund (run->reg.store, id, amount, NULL, &error);
  if (refund == NULL)
    {
      g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
      after = member_fingerprint (run, purchase->member_id);
      g_assert_cmpstr (before, ==, after);
      run->refused++;
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpint (refund->amount, ==, amount == 0 ? left : amount);
  g_assert_cmpint (refund->returned, >=, 0);
  run->refunded++;
  (void) member_id;
}

static void
step_adjust (Run    *run,
             gint64  member_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = member_fingerprint (run, member_id);
  gint64 points = g_test_rand_int_range (-300, 300);

  if (kt_store_points_adjust (run->reg.store, member_id, points, "Property test", &error))
    {
      run->adjusted++;
      return;
    }

  /* Zero, or more than the member has: refused, nothing changed. */
  {
    g_autofree char *after = member_fingerprint (run, member_id);

    g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
    g_assert_cmpstr (before, ==, after);
    run->refused++;
  }
}

static void
step_gift (Run    *run,
           gint64  member_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = member_fingerprint (run, member_id);
  KtMoney amount = g_test_rand_int_range (-5000, 10000);

  if (kt_store_gift_load (run->reg.store, member_id, amount, NULL, &error))
    return;

  {
    g_autofree char *after = member_fingerprint (run, member_id);

    g_assert_error (error, KT_ERROR, KT_ERROR_INVALID);
    g_assert_cmpstr (before, ==, after);
    run->refused++;
  }
}

static void
step_expire (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, g_test_rand_int_range (0, 90));
  g_autofree char *day = g_date_time_format (later, "%Y-%m-%d");
  gint64 expired = -1;

  g_assert_true (kt_store_points_expire (run->reg.store, day, &expired, &error));
  g_assert_no_error (error);
  g_assert_cmpint (expired, >=, 0);
}

static gint64
new_member (Run    *run,
            gint64  referrer)
{
  g_autoptr(KtMember) member = kt_member_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("Member %u", g_test_rand_int_range (0, 1000000));

  kt_member_set_string (&member->name, name);
  member->status = g_test_rand_int_range (0, 5) == 0 ? KT_MEMBER_VIP : KT_MEMBER_REGULAR;
  member->referrer_id = referrer;
  g_assert_true (kt_store_member_add (run->reg.store, member, &error));
  g_assert_no_error (error);
  return member->id;
}

static void
assert_clean (Run *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autofree char *integrity = NULL;

  g_assert_true (kt_store_check (run->reg.store, &integrity, &differences, &error));
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

static void
test_counters_follow_history (void)
{
  guint sequences = 0, recorded = 0, refunded = 0, refused = 0, adjusted = 0;

  for (guint r = 0; r < REGISTERS; r++)
    {
      Run run = { 0 };
      g_autoptr(KtProgramme) programme = NULL;
      g_autoptr(GError) error = NULL;
      gint64 previous = 0;

      kt_test_register_open (&run.reg);
      run.purchases = g_array_new (FALSE, FALSE, sizeof (gint64));
      programme = kt_scheme_file_parse (programme_text, -1, &error);
      g_assert_no_error (error);
      g_assert_true (kt_store_programme_import (run.reg.store, programme, &error));
      g_assert_no_error (error);

      for (guint s = 0; s < SEQUENCES_PER_REGISTER; s++)
        {
          /* Some members come recommended by the one before. */
          gint64 member = new_member (&run, previous != 0 && g_test_rand_bit () ? previous : 0);
          gint32 steps = g_test_rand_int_range (STEPS_MIN, STEPS_MAX + 1);

          for (gint32 i = 0; i < steps; i++)
            {
              /* Mostly this member; now and then an earlier one. */
              gint64 who = previous != 0 && g_test_rand_int_range (0, 5) == 0 ? previous : member;

              switch (g_test_rand_int_range (0, 10))
                {
                case 0: case 1: case 2: case 3: case 4:
                  step_purchase (&run, who);
                  break;
                case 5: case 6:
                  step_refund (&run, who);
                  break;
                case 7:
                  step_adjust (&run, who);
                  break;
                case 8:
                  step_gift (&run, who);
                  break;
                default:
                  step_expire (&run);
                  break;
                }
            }
          assert_clean (&run);
          previous = member;
          sequences++;
        }

      recorded += run.recorded;
      refunded += run.refunded;
      refused += run.refused;
      adjusted += run.adjusted;
      g_array_unref (run.purchases);
      kt_test_register_close (&run.reg);
    }

  g_test_message ("%u sequences: %u purchases, %u refunds, %u adjustments, %u refusals",
                  sequences, recorded, refunded, adjusted, refused);
  /* The sequences did exercise every path. */
  g_assert_cmpuint (sequences, ==, REGISTERS * SEQUENCES_PER_REGISTER);
  g_assert_cmpuint (recorded, >, 1000);
  g_assert_cmpuint (refunded, >, 200);
  g_assert_cmpuint (refused, >, 50);
  g_assert_cmpuint (adjusted, >, 50);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-property/counters-follow-history", test_counters_follow_history);

  return g_test_run ();
}
