/* kt-store-gift.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prepaid and gift cards: money loaded on the member's card pays for
 * purchases until it is spent. Like points, every movement is a ledger
 * row and the balance kept on the member is their sum.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/kt-date.h"
#include "store/kt-store-private.h"

gboolean
_kt_store_gift_move (KtStore     *store,
                     gint64       member_id,
                     gint64       purchase_id,
                     gint64       refund_id,
                     const char  *at,
                     KtMoney      amount,
                     const char  *reason,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store,
                            "INSERT INTO gift_ledger (member_id, purchase_id, refund_id, at, amount, reason) "
                            "VALUES (?1, nullif (?2, 0), nullif (?3, 0), ?4, ?5, ?6)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, purchase_id);
  sqlite3_bind_int64 (stmt, 3, refund_id);
  sqlite3_bind_text (stmt, 4, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, amount);
  sqlite3_bind_text (stmt, 6, reason != NULL ? reason : "", -1, SQLITE_TRANSIENT);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;

  stmt = _kt_store_prepare (store,
                            "UPDATE members SET gift_balance = gift_balance + ?2 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, amount);
  return _kt_store_step_done (store, stmt, error);
}

static gboolean
gift_balance (KtStore  *store,
              gint64    member_id,
              KtMoney  *out_balance,
              GError  **error)
{
  sqlite3_stmt *stmt = _kt_store_prepare (store,
                                          "SELECT gift_balance FROM members WHERE id = ?1",
                                          error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  rc = sqlite3_step (stmt);
  *out_balance = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return _kt_store_finish_rows (store, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc, error);
}

static gboolean
load (KtStore     *store,
      gint64       member_id,
      KtMoney      amount,
      const char  *reason,
      GError     **error)
{
  g_autofree char *at = kt_datetime_now ();
  KtMoney balance;

  if (!_kt_store_member_check_open (store, member_id, error)
      || !gift_balance (store, member_id, &balance, error))
    return FALSE;

  if (balance + amount < 0)
    {
      g_autofree char *currency = kt_store_get_setting (store, KT_SETTING_CURRENCY);
      g_autofree char *left = kt_money_format_currency (balance, currency);

      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The gift card holds only %s."), left);
      return FALSE;
    }
  if (balance + amount > KT_MONEY_MAX)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("The gift card cannot hold that much."));
      return FALSE;
    }

  return _kt_store_gift_move (store, member_id, 0, 0, at, amount, reason, error);
}

gboolean
kt_store_gift_load (KtStore     *store,
                    gint64       member_id,
                    KtMoney      amount,
                    const char  *reason,
                    GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  gboolean done;

  g_return_val_if_fail (store != NULL, FALSE);

  if (amount == 0 || amount > KT_MONEY_MAX || amount < -KT_MONEY_MAX)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("Load an amount above zero, or pay out one below it."));
      return FALSE;
    }
  if (*stripped == '\0')
    {
      g_free (stripped);
      stripped = g_strdup (amount > 0 ? _("Loaded") : _("Paid out"));
    }

  if (!_kt_store_begin (store, error))
    return FALSE;
  done = load (store, member_id, amount, stripped, error);
  return _kt_store_end (store, done, error);
}
