/* kt-quote.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "core/kt-member.h"
#include "core/kt-money.h"
#include "core/kt-scheme.h"

G_BEGIN_DECLS

/* What the store keeps per member and per scheme, as of just before the
 * purchase. The quote never reads purchase history: every figure here is a
 * counter the store updates in the transaction that records a purchase.
 */
typedef struct
{
  gint64       scheme_id;
  /* KT_SCHEME_PROGRESSIVE with KT_PERIOD_LAST_DAYS: spent in the
   * period_days days that end the day before the purchase. */
  KtMoney      window_spent;
  /* KT_SCHEME_NTH_PURCHASE: the current run. */
  gint64       run_count;          /* purchases (or items) counted so far */
  KtMoney      run_total;          /* what those purchases came to */
  const char  *run_started;        /* YYYY-MM-DD of the first, NULL: none */
  /* KT_SCHEME_STAMPS */
  gint64       stamps;
  /* KT_SCHEME_LEVELS */
  gint64       level;              /* levels reached: 0 none, 1 the first, ... */
  gint64       level_progress;     /* spend or points towards the next one */
} KtSchemeCounter;

typedef struct
{
  KtMemberStatus          status;
  const char             *birth_date;       /* YYYY-MM-DD or NULL */
  KtMoney                 total_spent;      /* all time, after discounts */
  KtMoney                 year_spent;       /* in calendar year `year` */
  gint                    year;             /* the year year_spent belongs to */
  gint64                  purchase_count;
  gint64                  items_count;
  gint64                  points_usable;    /* activated, not expired */
  gint64                  points_pending;   /* earned, not yet activated */
  gboolean                referred;         /* came with a member's recommendation */
  gint64                  referrals;        /* members this one brought */
  KtMoney                 gift_balance;     /* prepaid / gift card money */
  const KtSchemeCounter  *counters;         /* one per scheme that needs it */
  guint                   n_counters;
} KtMemberState;

typedef struct
{
  KtMoney      amount;             /* before discount */
  const char  *at;                 /* "YYYY-MM-DD HH:MM[:SS]" */
  gint64       items;              /* 0: not counted by the shop */
  const char  *category;           /* NULL: none */
  gint64       points_to_redeem;
  gboolean     redeem_stamps;      /* take a stamp reward below the top one */
} KtPurchaseInput;

typedef enum
{
  KT_COMBINE_BEST = 0,             /* the best single discount wins */
  KT_COMBINE_ADD,                  /* discounts add up */
} KtCombine;

typedef struct
{
  const char  *category;
  gint64       max_bp;
} KtCategoryLimit;

typedef struct
{
  KtCombine               combine;
  gint64                  cap_bp;          /* 0: no cap */
  const KtCategoryLimit  *limits;
  guint                   n_limits;
} KtQuoteSettings;

/* One discount line: its scheme, the reason shown to the cashier and
 * stored with the purchase, and its amount.
 */
typedef struct
{
  gint64        scheme_id;
  KtSchemeKind  kind;
  char         *reason;
  KtMoney       amount;
} KtQuoteLine;

/* What recording the purchase must do to the scheme counters: the store
 * applies these, in order, in the same transaction, so the next quote
 * sees them.
 */
typedef enum
{
  KT_EFFECT_STAMP_ADD = 0,    /* stamps += value */
  KT_EFFECT_STAMPS_USE,       /* stamps -= value (a reward was given) */
  KT_EFFECT_RUN_COUNT,        /* run_count += value, run_total += spent */
  KT_EFFECT_RUN_START,        /* run restarts here: count = value, total = spent,
                                 started = the purchase date */
  KT_EFFECT_RUN_RESET,        /* rewarded: count = 0, total = 0, started = NULL */
  KT_EFFECT_LEVEL_REACH,      /* level = value; progress = 0 if the scheme resets */
  KT_EFFECT_LEVEL_PROGRESS,   /* level_progress += value (after any reach) */
} KtEffectKind;

typedef struct
{
  gint64        scheme_id;
  KtEffectKind  kind;
  gint64        value;
} KtQuoteEffect;

typedef struct
{
  GPtrArray  *lines;               /* of KtQuoteLine, in scheme order */
  GArray     *effects;             /* of KtQuoteEffect */
  GPtrArray  *notices;             /* of char *: gifts to hand over */
  KtMoney     amount;              /* before discount */
  KtMoney     discount;            /* sum of the lines */
  gboolean    limited;             /* the cap or a category maximum cut it */
  gint64      points_redeemable;   /* the most this purchase may take */
  gint64      points_redeemed;
  gint64      points_earned;
  gint64      points_scheme_id;    /* 0: no points scheme applied */
  char       *points_usable_on;    /* YYYY-MM-DD the earned points activate */
  char       *points_expire_on;    /* YYYY-MM-DD, NULL: never */
  KtMoney     spent;               /* amount - discount: counts towards totals */
  KtMoney     payable;             /* spent - points redeemed */
  KtMoney     gift_payable;        /* of payable, what the gift balance covers */
  char       *tier;                /* the member's tier before the purchase, or NULL */
} KtQuote;

/* Computes the quote of `purchase` for a member in `state` under the shop's
 * schemes (all of them: inactive and out-of-date ones are skipped here) and
 * settings. Pure: reads nothing else, changes nothing. Fails with
 * KT_ERROR_INVALID on a bad amount, date, setting or scheme, or when more
 * points are to be redeemed than the quote allows.
 */
gboolean  kt_quote_compute (const KtMemberState    *state,
                            KtScheme *const        *schemes,
                            guint                   n_schemes,
                            const KtQuoteSettings  *settings,
                            const KtPurchaseInput  *purchase,
                            KtQuote               **out_quote,
                            GError                **error);
void      kt_quote_free    (KtQuote                *quote);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtQuote, kt_quote_free)

G_END_DECLS
