/* kt-scheme.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "core/kt-member.h"
#include "core/kt-money.h"

G_BEGIN_DECLS

/* The kinds of rule a shop can run (domain.md, "Schemes"). A gift card is
 * not a rule but a balance, so the quote handles it from the member state.
 */
typedef enum
{
  KT_SCHEME_FIXED = 0,        /* a percentage on every purchase */
  KT_SCHEME_PROGRESSIVE,      /* tiers by what the member has spent */
  KT_SCHEME_POINTS,           /* bonus points earned and redeemed */
  KT_SCHEME_NTH_PURCHASE,     /* a reward on the purchase after N counted ones */
  KT_SCHEME_STAMPS,           /* stamp card with one-off rewards */
  KT_SCHEME_REFERRAL,         /* referrer's extra and newcomer's guarantee */
  KT_SCHEME_PROMOTION,        /* time-limited discount or points multiplier */
  KT_SCHEME_LEVELS,           /* levels with rewards */
} KtSchemeKind;

#define KT_SCHEME_KIND_LAST KT_SCHEME_LEVELS

/* Which members a scheme applies to. */
typedef enum
{
  KT_AUDIENCE_EVERYONE = 0,
  KT_AUDIENCE_STATUS,         /* members with KtScheme.audience_status */
  KT_AUDIENCE_TIER,           /* members whose current tier is audience_tier */
} KtAudience;

/* What a progressive scheme counts. */
typedef enum
{
  KT_PERIOD_ALL_TIME = 0,
  KT_PERIOD_CALENDAR_YEAR,    /* drops back on 1 January */
  KT_PERIOD_LAST_DAYS,        /* a sliding window of period_days days */
} KtPeriod;

/* One step of a progressive scheme: from `threshold` spent, `bp` off. */
typedef struct
{
  char    *name;
  KtMoney  threshold;
  gint64   bp;
} KtTier;

/* One step of a stamp card: `stamps` stamps give a one-off `bp` off. */
typedef struct
{
  gint64 stamps;
  gint64 bp;
} KtStampReward;

/* One level of a levels scheme: reached at `threshold` (spend or points,
 * counted from the start, or from the previous level if the scheme
 * resets), it gives `reward_bp` off once and a gift to hand over (NULL:
 * none), then `bp` off on every purchase for good.
 */
typedef struct
{
  char    *name;
  gint64   threshold;
  gint64   bp;
  gint64   reward_bp;
  char    *gift;
} KtLevel;

/* Weekday bits for KtScheme.weekdays, Monday first as in GDateWeekday. */
#define KT_WEEKDAY_BIT(weekday) (1u << ((weekday) - 1))
#define KT_WEEKDAYS_ALL 0x7fu

/* A scheme. The common fields come first; the rest belong to one kind each
 * and are ignored by the others. Money in minor units, percentages in basis
 * points (1 % = 100), dates as "YYYY-MM-DD" text (NULL: open-ended).
 */
typedef struct
{
  gint64          id;
  char           *name;
  KtSchemeKind    kind;
  gboolean        active;
  char           *valid_from;         /* first day it applies, or NULL */
  char           *valid_to;           /* last day it applies, or NULL */
  KtAudience      audience;
  KtMemberStatus  audience_status;    /* with KT_AUDIENCE_STATUS */
  char           *audience_tier;      /* with KT_AUDIENCE_TIER: a tier name */

  /* KT_SCHEME_FIXED, KT_SCHEME_PROMOTION: the discount. */
  gint64          bp;

  /* KT_SCHEME_PROGRESSIVE */
  KtPeriod        period;
  gint            period_days;        /* with KT_PERIOD_LAST_DAYS */
  GArray         *tiers;              /* of KtTier, ascending thresholds */

  /* KT_SCHEME_POINTS */
  gint64          earn_bp;            /* points per 100 % of the amount paid */
  gint            activation_days;    /* 0: usable at once */
  gint64          min_balance;        /* usable only from this balance */
  gint            expiry_months;      /* 0: never expire */
  gint64          max_share_bp;       /* of a purchase payable with points */

  /* KT_SCHEME_NTH_PURCHASE */
  gint64          nth_count;          /* N purchases (or items) ... */
  gint            nth_window_days;    /* ... within this many days (0: ever) */
  gint64          nth_reward_bp;      /* of the total of the counted purchases */
  gboolean        nth_count_items;    /* count items instead of purchases */

  /* KT_SCHEME_STAMPS */
  char          **stamp_categories;   /* qualifying categories; NULL: all */
  GArray         *stamp_rewards;      /* of KtStampReward, ascending stamps */

  /* KT_SCHEME_REFERRAL */
  gint64          referrer_bp;        /* extra on the accumulated discount */
  gint64          newcomer_bp;        /* the newcomer's guaranteed discount */

  /* KT_SCHEME_PROMOTION (and bp above) */
  guint           weekdays;           /* KT_WEEKDAY_BIT mask; 0 means all */
  char           *category;           /* only purchases of it; NULL: any */
  gint            birthday_days;      /* -1: not a birthday promotion */
  gint64          points_multiplier_bp; /* 20000: double points; 0: none */

  /* KT_SCHEME_LEVELS */
  GArray         *levels;             /* of KtLevel */
  gboolean        levels_by_points;   /* count points earned, not spend */
  gboolean        levels_reset;       /* the counter restarts at each level */
} KtScheme;

KtScheme   *kt_scheme_new               (KtSchemeKind     kind);
void        kt_scheme_free              (KtScheme        *scheme);
void        kt_scheme_add_tier          (KtScheme        *scheme,
                                         const char      *name,
                                         KtMoney          threshold,
                                         gint64           bp);
void        kt_scheme_add_level         (KtScheme        *scheme,
                                         const char      *name,
                                         gint64           threshold,
                                         gint64           bp,
                                         gint64           reward_bp,
                                         const char      *gift);
void        kt_scheme_add_stamp_reward  (KtScheme        *scheme,
                                         gint64           stamps,
                                         gint64           bp);
gboolean    kt_scheme_validate          (const KtScheme  *scheme,
                                         GError         **error);
gboolean    kt_scheme_is_valid_on       (const KtScheme  *scheme,
                                         const GDate     *date);
const KtTier *kt_scheme_tier_for        (const KtScheme  *scheme,
                                         KtMoney          spent);
char       *kt_bp_format                (gint64           bp);

const char *kt_scheme_kind_to_string    (KtSchemeKind     kind);
gboolean    kt_scheme_kind_from_string  (const char      *text,
                                         KtSchemeKind    *out_kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtScheme, kt_scheme_free)

G_END_DECLS
