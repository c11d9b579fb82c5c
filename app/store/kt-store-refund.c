/* kt-store-refund.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Refunds. A purchase is never edited: a refund row reverses part or all
 * of it. Each part (discount, earned and redeemed points, gift payment) is
 * taken back as the difference between its share of everything refunded
 * after this refund and before it, so several partial refunds add up to
 * exactly the purchase, whatever the rounding of each.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/kt-date.h"
#include "store/kt-store-private.h"

void
kt_refund_free (KtRefund *refund)
{
  if (refund == NULL)
    return;

  g_free (refund->at);
  g_free (refund);
}

/* The part of `value` that belongs to this refund. */
static gint64
part (gint64             value,
      const KtPurchase  *purchase,
      KtMoney            amount)
{
  return _kt_share (value, purchase->refunded + amount, purchase->amount)
         - _kt_share (value, purchase->refunded, purchase->amount);
}

static gboolean
check_amount (const KtPurchase  *purchase,
              KtMoney            amount,
              GError           **error)
{
  KtMoney left = purchase->amount - purchase->refunded;
  g_autofree char *left_text = kt_money_format (left);

  if (amount < 0)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("A refund amount cannot be negative."));
      return FALSE;
    }
  if (purchase->amount == 0)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("Purchase %lld came to nothing: there is nothing to refund."),
                   (long long) purchase->id);
      return FALSE;
    }
  if (left == 0)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("Purchase %lld has already been refunded in full."),
                   (long long) purchase->id);
      return FALSE;
    }
  if (amount > left)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("Only %s of purchase %lld is left to refund."),
                   left_text, (long long) purchase->id);
      return FALSE;
    }
  return TRUE;
}

static gint64
insert_refund (KtStore   *store,
               KtRefund  *refund,
               GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store,
                            "INSERT INTO refunds (purchase_id, member_id, at, amount, discount, "
                            "  returned, gift_returned) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, refund->purchase_id);
  sqlite3_bind_int64 (stmt, 2, refund->member_id);
  sqlite3_bind_text (stmt, 3, refund->at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, refund->amount);
  sqlite3_bind_int64 (stmt, 5, refund->discount);
  sqlite3_bind_int64 (stmt, 6, refund->returned);
  sqlite3_bind_int64 (stmt, 7, refund->gift_returned);
  if (!_kt_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (store->db);
}

/* Earned points go back from the purchase's own lot first, then from the
 * oldest; points already spent elsewhere cannot be taken twice. */
static gboolean
reverse_earned (KtStore           *store,
                const KtPurchase  *purchase,
                KtRefund          *refund,
                gint64             points,
                GError           **error)
{
  KtPointsRow row = { purchase->member_id, purchase->id, refund->id, refund->at,
                      KT_POINTS_EARNED, points, NULL };
  gint64 lot = 0;

  if (points <= 0)
    return TRUE;
  if (!_kt_store_query_lot (store, purchase->id, &lot, error))
    return FALSE;
  return _kt_store_points_take (store, &row, lot, NULL, &refund->points_reversed, error);
}

/* Redeemed points go back to the lots they came from. */
static gboolean
restore_redeemed (KtStore           *store,
                  const KtPurchase  *purchase,
                  KtRefund          *refund,
                  gint64             points,
                  GError           **error)
{
  g_autoptr(GArray) lots = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  sqlite3_stmt *stmt;
  int rc;

  if (points <= 0)
    return TRUE;

  /* Per lot: what the purchase took, less what refunds gave back. */
  stmt = _kt_store_prepare (store,
                            "SELECT lot_id, -SUM (points) FROM points_ledger "
                            "WHERE purchase_id = ?1 AND kind = 1 AND lot_id IS NOT NULL "
                            "GROUP BY lot_id ORDER BY lot_id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, purchase->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 lot[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_vals (lots, lot, 1);
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < lots->len && points > 0; i++)
    {
      const gint64 *lot = &((const gint64 *) (gpointer) lots->data)[i * 2];
      KtPointsRow row = { purchase->member_id, purchase->id, refund->id, refund->at,
                          KT_POINTS_REDEEMED, MIN (points, lot[1]), NULL };

      if (row.points <= 0)
        continue;
      if (!_kt_store_points_move (store, &row, lot[0], error))
        return FALSE;
      points -= row.points;
      refund->points_restored += row.points;
    }

  return TRUE;
}

static gboolean
update_rows (KtStore           *store,
             const KtPurchase  *purchase,
             const KtRefund    *refund,
             gboolean           full,
             GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store,
                            "UPDATE refunds SET points_reversed = ?2, points_restored = ?3 "
                            "WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, refund->id);
  sqlite3_bind_int64 (stmt, 2, refund->points_reversed);
  sqlite3_bind_int64 (stmt, 3, refund->points_restored);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;

  stmt = _kt_store_prepare (store,
                            "UPDATE purchases SET refunded = refunded + ?2 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, purchase->id);
  sqlite3_bind_int64 (stmt, 2, refund->amount);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;

  /* A purchase refunded in full no longer counts as a visit's purchase. */
  stmt = _kt_store_prepare (store,
                            "UPDATE members SET total_spent = total_spent - ?2, "
                            "  year_spent = year_spent - CASE WHEN spent_year = ?3 THEN ?2 ELSE 0 END, "
                            "  purchase_count = purchase_count - ?4, "
                            "  items_count = items_count - ?5 "
                            "WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, purchase->member_id);
  sqlite3_bind_int64 (stmt, 2, refund->amount - refund->discount);
  sqlite3_bind_int (stmt, 3, (int) g_ascii_strtoll (purchase->at, NULL, 10));
  sqlite3_bind_int (stmt, 4, full ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, full ? purchase->items : 0);
  return _kt_store_step_done (store, stmt, error);
}

static KtRefund *
refund_purchase (KtStore     *store,
                 gint64       purchase_id,
                 KtMoney      amount,
                 const char  *at,
                 GError     **error)
{
  g_autoptr(KtPurchase) purchase = _kt_store_purchase_read (store, purchase_id, error);
  g_autoptr(KtRefund) refund = NULL;
  g_autofree char *purchase_day = NULL;
  g_autofree char *today = kt_date_today ();
  gint64 earned, redeemed;
  gboolean full;

  if (purchase == NULL || !check_amount (purchase, amount, error))
    return NULL;
  if (amount == 0)
    amount = purchase->amount - purchase->refunded;
  full = purchase->refunded + amount == purchase->amount;
  purchase_day = g_strndup (purchase->at, 10);

  refund = g_new0 (KtRefund, 1);
  refund->purchase_id = purchase->id;
  refund->member_id = purchase->member_id;
  refund->at = g_strdup (at);
  refund->amount = amount;
  refund->discount = part (purchase->discount, purchase, amount);
  refund->gift_returned = part (purchase->gift_paid, purchase, amount);
  redeemed = part (purchase->points_redeemed, purchase, amount);
  earned = part (purchase->points_earned, purchase, amount);
  refund->returned = MAX (0, amount - refund->discount - redeemed - refund->gift_returned);

  refund->id = insert_refund (store, refund, error);
  if (refund->id == 0
      || !reverse_earned (store, purchase, refund, earned, error)
      || !restore_redeemed (store, purchase, refund, redeemed, error)
      || (refund->gift_returned > 0
          && !_kt_store_gift_move (store, purchase->member_id, purchase->id, refund->id,
                                   refund->at, refund->gift_returned, NULL, error))
      || !update_rows (store, purchase, refund, full, error)
      || !_kt_store_spend_add (store, purchase->member_id, purchase->at,
                               -(refund->amount - refund->discount), error)
      || !_kt_store_counters_reverse (store, purchase->member_id, purchase->id, refund->id,
                                      purchase_day, purchase->refunded + amount,
                                      purchase->amount, error)
      /* Points given back to a lot that has expired since go at once. */
      || !_kt_store_points_expire_member (store, purchase->member_id, today, error))
    return NULL;

  return g_steal_pointer (&refund);
}

KtRefund *
kt_store_purchase_refund (KtStore     *store,
                          gint64       purchase_id,
                          KtMoney      amount,
                          const char  *at,
                          GError     **error)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *at_text = NULL;
  KtRefund *refund;

  g_return_val_if_fail (store != NULL, NULL);

  if (at == NULL)
    at_text = kt_datetime_now ();
  else if (kt_datetime_parse (at, &when, error))
    at_text = kt_datetime_format (when);
  else
    return NULL;

  if (!_kt_store_begin (store, error))
    return NULL;
  refund = refund_purchase (store, purchase_id, amount, at_text, error);
  if (!_kt_store_end (store, refund != NULL, error))
    {
      kt_refund_free (refund);
      return NULL;
    }
  return refund;
}

KtRefund *
kt_store_purchase_refund_preview (KtStore  *store,
                                  gint64    purchase_id,
                                  KtMoney   amount,
                                  GError  **error)
{
  g_autofree char *at = kt_datetime_now ();
  KtRefund *refund;

  g_return_val_if_fail (store != NULL, NULL);

  /* The refund itself, rolled back: the figures are exactly the ones
   * confirming it gives, rounding and points already spent included. */
  if (!_kt_store_begin (store, error))
    return NULL;
  refund = refund_purchase (store, purchase_id, amount, at, error);
  _kt_store_rollback (store);
  if (refund != NULL)
    refund->id = 0;
  return refund;
}
