/* kt-store-till.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loyalty programme in the register: its schemes and settings, the
 * quote for a member's purchase, recording purchases and refunds, and the
 * points and gift-card ledgers. Like the rest of the store, every write is
 * one transaction and a refusal changes nothing.
 */

#pragma once

#include <glib.h>

#include "core/kt-quote.h"
#include "core/kt-scheme.h"
#include "core/kt-scheme-file.h"
#include "store/kt-store.h"

G_BEGIN_DECLS

/* ---- the programme ------------------------------------------------------ */

/* The shop's schemes (with their ids, in the order the shop keeps them)
 * and quote settings: a copy the caller owns and may change freely. */
KtProgramme *kt_store_programme_get        (KtStore                *store,
                                            GError                **error);
/* Adds a scheme (scheme->id == 0; the new id is set) or saves one. The
 * name must be unique; the scheme must validate. A scheme's counters
 * (stamps, runs, levels) stay with its id. */
gboolean     kt_store_scheme_save          (KtStore                *store,
                                            KtScheme               *scheme,
                                            GError                **error);
/* Removes a scheme and the members' counters for it. Purchases keep the
 * lines it gave, with their reasons. */
gboolean     kt_store_scheme_delete        (KtStore                *store,
                                            gint64                  scheme_id,
                                            GError                **error);
gboolean     kt_store_quote_settings_save  (KtStore                *store,
                                            const KtQuoteSettings  *settings,
                                            GError                **error);
/* Replaces the whole programme with an imported one (a scheme file):
 * a scheme with the name of an existing one takes its id and counters,
 * the others are added, and schemes not in it are removed. */
gboolean     kt_store_programme_import     (KtStore                *store,
                                            const KtProgramme      *programme,
                                            GError                **error);
/* Categories the programme names (stamp cards, promotions, maximum
 * discounts), sorted, for the till's category field. */
GStrv        kt_store_programme_categories (KtStore                *store,
                                            GError                **error);

/* ---- the quote and the purchase ----------------------------------------- */

/* The quote the till shows for a member's purchase, as of purchase->at.
 * Points that expired by then are written off first (a small write when
 * some are due). Refuses archived and erased members. Reads no purchase
 * history: only the member's counters. */
KtQuote     *kt_store_quote                (KtStore                *store,
                                            gint64                  member_id,
                                            const KtPurchaseInput  *purchase,
                                            GError                **error);
/* Records a purchase in one transaction, durable on disk when this
 * returns: the quote (computed again inside the transaction), its lines,
 * the points ledger rows (redeemed oldest first, earned with activation
 * and expiry dates), the gift card payment, and the member's counters.
 * `card_number` is the card shown at the till (NULL: the member's active
 * card). When `shown` is given and the quote inside the transaction
 * differs from it (another till changed the member meanwhile), nothing is
 * recorded and KT_ERROR_INVALID says so. Returns the purchase id, or 0. */
gint64       kt_store_purchase_record      (KtStore                *store,
                                            gint64                  member_id,
                                            const char             *card_number,
                                            const KtPurchaseInput  *purchase,
                                            const KtQuote          *shown,
                                            KtQuote               **out_quote,
                                            GError                **error);

/* One stored discount line of a purchase. */
typedef struct
{
  gint64   scheme_id;
  char    *reason;
  KtMoney  amount;
} KtPurchaseLine;

void         kt_purchase_line_free         (KtPurchaseLine *line);

/* The purchase with its discount lines (element: KtPurchaseLine). */
KtPurchase  *kt_store_purchase_get         (KtStore                *store,
                                            gint64                  purchase_id,
                                            GPtrArray             **out_lines,
                                            GError                **error);

/* ---- refunds ------------------------------------------------------------ */

typedef struct
{
  gint64   id;
  gint64   purchase_id;
  gint64   member_id;
  char    *at;                 /* YYYY-MM-DD HH:MM:SS */
  KtMoney  amount;             /* of the purchase's amount before discount */
  KtMoney  discount;           /* the part of the discount taken back */
  KtMoney  returned;           /* money handed back */
  KtMoney  gift_returned;      /* put back on the gift card */
  gint64   points_reversed;    /* earned points taken back */
  gint64   points_restored;    /* redeemed points given back */
} KtRefund;

void         kt_refund_free                (KtRefund *refund);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtRefund, kt_refund_free)

/* Reverses `amount` (before discount) of a purchase, or all that is left
 * of it when `amount` is 0: the discount, earned and redeemed points and
 * gift payment pro rata, and the counters (a full refund also takes the
 * purchase off the count, its stamps and its N-th purchase step).
 * Refuses an amount above what is left, and a purchase already refunded.
 * `at` NULL: now. */
KtRefund    *kt_store_purchase_refund      (KtStore                *store,
                                            gint64                  purchase_id,
                                            KtMoney                 amount,
                                            const char             *at,
                                            GError                **error);

/* What kt_store_purchase_refund() would do, with the same refusals,
 * writing nothing (id 0): for showing before the cashier confirms. */
KtRefund    *kt_store_purchase_refund_preview (KtStore             *store,
                                            gint64                  purchase_id,
                                            KtMoney                 amount,
                                            GError                **error);

/* ---- points and gift cards ---------------------------------------------- */

/* A manual change of a member's points (positive or negative, not 0) with
 * the reason, which is required. Points added are usable at once and
 * expire like earned ones; points taken come off the oldest first and
 * never below zero. */
gboolean     kt_store_points_adjust        (KtStore                *store,
                                            gint64                  member_id,
                                            gint64                  points,
                                            const char             *reason,
                                            GError                **error);
/* Writes off every member's points whose expiry date is on or before
 * `day` (YYYY-MM-DD; NULL: today) as `expire` rows. Run on start. */
gboolean     kt_store_points_expire        (KtStore                *store,
                                            const char             *day,
                                            gint64                 *out_points,
                                            GError                **error);
/* Loads money on the member's gift card (amount > 0), or pays it out
 * (amount < 0, never below zero), with a reason. */
gboolean     kt_store_gift_load            (KtStore                *store,
                                            gint64                  member_id,
                                            KtMoney                 amount,
                                            const char             *reason,
                                            GError                **error);

/* One row of a member's points history. */
typedef enum
{
  KT_POINTS_EARNED = 0,        /* negative: taken back by a refund */
  KT_POINTS_REDEEMED = 1,      /* positive: given back by a refund */
  KT_POINTS_EXPIRED = 2,
  KT_POINTS_ADJUSTED = 3,      /* by hand, with a reason */
  KT_POINTS_TRANSFERRED = 4,
} KtPointsKind;

typedef struct
{
  gint64        id;
  char         *at;            /* YYYY-MM-DD HH:MM:SS */
  KtPointsKind  kind;
  gint64        points;        /* signed */
  gint64        purchase_id;   /* 0: none */
  gboolean      refund;        /* written by a refund */
  char         *reason;        /* adjustments: why */
  char         *usable_on;     /* rows that add points: YYYY-MM-DD */
  char         *expires_on;    /* rows that add points: YYYY-MM-DD or NULL */
} KtPointsEntry;

void         kt_points_entry_free          (KtPointsEntry *entry);

/* The member's points history, newest first (element: KtPointsEntry). */
GPtrArray   *kt_store_member_points_history (KtStore               *store,
                                            gint64                  member_id,
                                            guint                   offset,
                                            guint                   limit,
                                            GError                **error);

/* ---- what the member pane shows ----------------------------------------- */

typedef struct
{
  char     *tier;              /* best tier reached now, or NULL */
  KtMoney   year_spent;        /* this calendar year */
  gint64    points_balance;    /* the ledger's sum */
  gint64    points_usable;     /* activated and not expired */
  gint64    points_pending;    /* earned, not yet usable */
  char     *points_next_expiry;/* YYYY-MM-DD of the next expiry, or NULL */
  gint64    points_expiring;   /* points that expire then */
  KtMoney   gift_balance;
  GPtrArray *progress;         /* of char *: "Coffee card: 4 stamps" ... */
} KtMemberStanding;

void         kt_member_standing_free       (KtMemberStanding *standing);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtMemberStanding, kt_member_standing_free)

/* The member's standing in the programme as of `day` (NULL: today). */
KtMemberStanding *kt_store_member_standing (KtStore                *store,
                                            gint64                  member_id,
                                            const char             *day,
                                            GError                **error);

G_END_DECLS
