/* kt-store-till.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The till: the member's state as the quote needs it, the quote, and
 * recording a purchase. The state is read from counters the store keeps
 * (the member row, open points lots, scheme counters, spend per day for
 * sliding windows), never from the purchase history, so a quote costs a
 * handful of index lookups whatever the member's past.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/kt-date.h"
#include "store/kt-store-private.h"

void
kt_purchase_line_free (KtPurchaseLine *line)
{
  if (line == NULL)
    return;

  g_free (line->reason);
  g_free (line);
}

/* ---- the member ---------------------------------------------------------- */

gboolean
_kt_store_member_check_open (KtStore  *store,
                             gint64    member_id,
                             GError  **error)
{
  sqlite3_stmt *stmt = _kt_store_prepare (store,
                                          "SELECT archived, erased FROM members WHERE id = ?1",
                                          error);
  gboolean archived, erased;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (!_kt_store_finish_rows (store, stmt, rc, error))
        return FALSE;
      g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
                   _("Member %lld is not in the register"), (long long) member_id);
      return FALSE;
    }
  archived = sqlite3_column_int (stmt, 0);
  erased = sqlite3_column_int (stmt, 1);
  sqlite3_reset (stmt);

  if (erased)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("This member’s personal data was erased: the card cannot be used."));
      return FALSE;
    }
  if (archived)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("This member is archived. Restore the member to record purchases."));
      return FALSE;
    }
  return TRUE;
}

void
_kt_member_state_free (KtMemberStateHolder *holder)
{
  if (holder == NULL)
    return;

  g_free (holder->birth_date);
  _kt_counters_free (holder->counters);
  g_free (holder);
}

static gboolean
read_member_row (KtStore              *store,
                 gint64                member_id,
                 KtMemberStateHolder  *holder,
                 GError              **error)
{
  KtMemberState *state = &holder->state;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT status, birth_date, total_spent, year_spent, spent_year, "
                            "  purchase_count, items_count, referrer_id IS NOT NULL, "
                            "  (SELECT count (*) FROM members r WHERE r.referrer_id = m.id), "
                            "  gift_balance "
                            "FROM members m WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state->status = (KtMemberStatus) sqlite3_column_int (stmt, 0);
      holder->birth_date = _kt_store_column_text_or_null (stmt, 1);
      state->birth_date = holder->birth_date;
      state->total_spent = sqlite3_column_int64 (stmt, 2);
      state->year_spent = sqlite3_column_int64 (stmt, 3);
      state->year = sqlite3_column_int (stmt, 4);
      state->purchase_count = sqlite3_column_int64 (stmt, 5);
      state->items_count = sqlite3_column_int64 (stmt, 6);
      state->referred = sqlite3_column_int (stmt, 7);
      state->referrals = sqlite3_column_int64 (stmt, 8);
      state->gift_balance = sqlite3_column_int64 (stmt, 9);
      sqlite3_reset (stmt);
      return TRUE;
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return FALSE;
  g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
               _("Member %lld is not in the register"), (long long) member_id);
  return FALSE;
}

KtMemberStateHolder *
_kt_store_member_state (KtStore            *store,
                        gint64              member_id,
                        const char         *day,
                        const KtProgramme  *programme,
                        GError            **error)
{
  g_autoptr(KtMemberStateHolder) holder = g_new0 (KtMemberStateHolder, 1);

  if (!read_member_row (store, member_id, holder, error)
      || !_kt_store_points_balance (store, member_id, day, &holder->state.points_usable,
                                    &holder->state.points_pending, error))
    return NULL;

  holder->counters = _kt_store_counters_load (store, member_id, error);
  if (holder->counters == NULL)
    return NULL;

  for (guint i = 0; i < programme->schemes->len; i++)
    {
      const KtScheme *scheme = g_ptr_array_index (programme->schemes, i);
      KtMoney spent;

      if (scheme->kind != KT_SCHEME_PROGRESSIVE || scheme->period != KT_PERIOD_LAST_DAYS)
        continue;
      if (!_kt_store_spend_window (store, member_id, day, scheme->period_days, &spent, error))
        return NULL;
      _kt_counters_get (holder->counters, scheme->id)->window_spent = spent;
    }

  holder->state.counters = (const KtSchemeCounter *) (gpointer) holder->counters->items->data;
  holder->state.n_counters = holder->counters->items->len;
  return g_steal_pointer (&holder);
}

/* ---- the quote ----------------------------------------------------------- */

static gboolean
refuse_blocked (const KtMemberState  *state,
                GError              **error)
{
  if (state->status != KT_MEMBER_BLOCKED)
    return TRUE;

  g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                       _("This member is blocked: the card gives no discount or points."));
  return FALSE;
}

/* Points whose expiry date has come are written off before any quote
 * counts them. Usually there are none and this is one index lookup. */
static gboolean
expire_due (KtStore  *store,
            gint64    member_id,
            GError  **error)
{
  g_autofree char *today = kt_date_today ();
  gboolean due = FALSE;

  if (!_kt_store_points_expiry_due (store, member_id, today, &due, error))
    return FALSE;
  if (!due)
    return TRUE;
  if (!_kt_store_begin (store, error))
    return FALSE;
  return _kt_store_end (store, _kt_store_points_expire_member (store, member_id, today, error),
                        error);
}

/* Computes the quote inside or outside a transaction. */
static KtQuote *
compute (KtStore                *store,
         gint64                  member_id,
         const KtPurchaseInput  *purchase,
         KtMemberStateHolder   **out_holder,
         GError                **error)
{
  g_autoptr(GDateTime) at = NULL;
  g_autofree char *day = NULL;
  g_autoptr(KtMemberStateHolder) holder = NULL;
  const KtProgramme *programme;
  KtQuoteSettings settings;
  KtQuote *quote = NULL;

  if (!kt_datetime_parse (purchase->at, &at, error))
    return NULL;
  day = g_date_time_format (at, "%Y-%m-%d");

  programme = _kt_store_programme (store, error);
  if (programme == NULL)
    return NULL;
  holder = _kt_store_member_state (store, member_id, day, programme, error);
  if (holder == NULL || !refuse_blocked (&holder->state, error))
    return NULL;

  kt_programme_get_settings (programme, &settings);
  if (!kt_quote_compute (&holder->state, (KtScheme *const *) programme->schemes->pdata,
                         programme->schemes->len, &settings, purchase, &quote, error))
    return NULL;

  if (out_holder != NULL)
    *out_holder = g_steal_pointer (&holder);
  return quote;
}

KtQuote *
kt_store_quote (KtStore                *store,
                gint64                  member_id,
                const KtPurchaseInput  *purchase,
                GError                **error)
{
  g_return_val_if_fail (store != NULL && purchase != NULL, NULL);

  if (!_kt_store_member_check_open (store, member_id, error)
      || !expire_due (store, member_id, error))
    return NULL;

  return compute (store, member_id, purchase, NULL, error);
}

/* ---- recording ----------------------------------------------------------- */

static gboolean
same_quote (const KtQuote *a,
            const KtQuote *b)
{
  if (a->discount != b->discount || a->payable != b->payable
      || a->points_earned != b->points_earned || a->points_redeemed != b->points_redeemed
      || a->gift_payable != b->gift_payable || a->lines->len != b->lines->len)
    return FALSE;

  for (guint i = 0; i < a->lines->len; i++)
    {
      const KtQuoteLine *x = g_ptr_array_index (a->lines, i);
      const KtQuoteLine *y = g_ptr_array_index (b->lines, i);

      if (x->scheme_id != y->scheme_id || x->amount != y->amount)
        return FALSE;
    }

  return TRUE;
}

/* The card the purchase is recorded with: the one shown, which must be
 * the member's and active, or else the member's active card (0: none). */
static gboolean
till_card (KtStore     *store,
           gint64       member_id,
           const char  *number,
           gint64      *out_card_id,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_card_id = 0;
  if (number != NULL)
    {
      g_autoptr(KtCard) card = kt_store_card_lookup (store, number, error);

      if (card == NULL)
        return FALSE;
      if (card->member_id != member_id)
        {
          g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                       _("Card %s does not belong to this member."), card->number);
          return FALSE;
        }
      if (card->state != KT_CARD_ACTIVE)
        {
          g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                       _("Card %s is %s and cannot be used."), card->number,
                       kt_card_state_label (card->state));
          return FALSE;
        }
      *out_card_id = card->id;
      return TRUE;
    }

  stmt = _kt_store_prepare (store,
                            "SELECT id FROM cards WHERE member_id = ?1 AND state = 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out_card_id = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  return _kt_store_finish_rows (store, stmt, rc, error);
}

static gint64
insert_purchase (KtStore                *store,
                 gint64                  member_id,
                 gint64                  card_id,
                 const char             *at,
                 const KtPurchaseInput  *purchase,
                 const KtQuote          *quote,
                 GError                **error)
{
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store,
                            "INSERT INTO purchases (member_id, card_id, at, amount, items, category, "
                            "  discount, points_earned, points_redeemed, paid, gift_paid) "
                            "VALUES (?1, nullif (?2, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, card_id);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, quote->amount);
  sqlite3_bind_int64 (stmt, 5, purchase->items);
  sqlite3_bind_text (stmt, 6, purchase->category != NULL ? purchase->category : "", -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, quote->discount);
  sqlite3_bind_int64 (stmt, 8, quote->points_earned);
  sqlite3_bind_int64 (stmt, 9, quote->points_redeemed);
  sqlite3_bind_int64 (stmt, 10, quote->payable);
  sqlite3_bind_int64 (stmt, 11, quote->gift_payable);
  if (!_kt_store_step_done (store, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (store->db);
}

static gboolean
insert_lines (KtStore        *store,
              gint64          purchase_id,
              const KtQuote  *quote,
              GError        **error)
{
  for (guint i = 0; i < quote->lines->len; i++)
    {
      const KtQuoteLine *line = g_ptr_array_index (quote->lines, i);
      sqlite3_stmt *stmt;

      stmt = _kt_store_prepare (store,
                                "INSERT INTO purchase_lines (purchase_id, position, scheme_id, "
                                "  reason, amount) VALUES (?1, ?2, ?3, ?4, ?5)",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, purchase_id);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_int64 (stmt, 3, line->scheme_id);
      sqlite3_bind_text (stmt, 4, line->reason, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, line->amount);
      if (!_kt_store_step_done (store, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
update_member (KtStore                *store,
               gint64                  member_id,
               const char             *at,
               const KtPurchaseInput  *purchase,
               const KtQuote          *quote,
               GError                **error)
{
  sqlite3_stmt *stmt;

  /* A purchase dated in an earlier year than the kept one does not
   * belong to the kept year's total. */
  stmt = _kt_store_prepare (store,
                            "UPDATE members SET total_spent = total_spent + ?2, "
                            "  year_spent = CASE WHEN spent_year = ?3 THEN year_spent + ?2 "
                            "                    WHEN spent_year < ?3 THEN ?2 "
                            "                    ELSE year_spent END, "
                            "  spent_year = MAX (spent_year, ?3), "
                            "  purchase_count = purchase_count + 1, "
                            "  items_count = items_count + ?4, "
                            "  last_visit = MAX (last_visit, ?5) "
                            "WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, quote->spent);
  sqlite3_bind_int (stmt, 3, (int) g_ascii_strtoll (at, NULL, 10));
  sqlite3_bind_int64 (stmt, 4, purchase->items);
  sqlite3_bind_text (stmt, 5, at, -1, SQLITE_TRANSIENT);
  return _kt_store_step_done (store, stmt, error);
}

static gboolean
record_points (KtStore        *store,
               gint64          member_id,
               gint64          purchase_id,
               const char     *at,
               const KtQuote  *quote,
               GError        **error)
{
  KtPointsRow row = { member_id, purchase_id, 0, at, KT_POINTS_REDEEMED, quote->points_redeemed, NULL };
  gint64 taken;

  if (quote->points_redeemed > 0)
    {
      if (!_kt_store_points_take (store, &row, 0, at, &taken, error))
        return FALSE;
      /* The quote allowed only points usable now, read in this same
       * transaction, so they are there; never record a payment that the
       * lots did not cover. */
      if (taken != quote->points_redeemed)
        {
          g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                               _("The member’s points changed while the purchase was "
                                 "recorded. Check the new quote and confirm again."));
          return FALSE;
        }
    }

  if (quote->points_earned <= 0)
    return TRUE;
  row.kind = KT_POINTS_EARNED;
  row.points = quote->points_earned;
  return _kt_store_points_add_lot (store, &row, quote->points_usable_on,
                                   quote->points_expire_on, error);
}

static gint64
record (KtStore                *store,
        gint64                  member_id,
        const char             *card_number,
        const KtPurchaseInput  *purchase,
        const KtQuote          *shown,
        KtQuote               **out_quote,
        GError                **error)
{
  g_autoptr(KtMemberStateHolder) holder = NULL;
  g_autoptr(KtQuote) quote = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *at = NULL;
  g_autofree char *day = NULL;
  g_autofree char *today = kt_date_today ();
  const KtProgramme *programme;
  gint64 card_id, purchase_id;

  if (purchase->amount <= 0)
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("A purchase to record must come to more than nothing."));
      return 0;
    }
  if (!kt_datetime_parse (purchase->at, &when, error))
    return 0;
  at = kt_datetime_format (when);
  day = g_strndup (at, 10);

  if (!_kt_store_member_check_open (store, member_id, error)
      || !till_card (store, member_id, card_number, &card_id, error)
      || !_kt_store_points_expire_member (store, member_id, today, error))
    return 0;

  quote = compute (store, member_id, purchase, &holder, error);
  if (quote == NULL)
    return 0;
  if (shown != NULL && !same_quote (shown, quote))
    {
      g_set_error_literal (error, KT_ERROR, KT_ERROR_INVALID,
                           _("The member’s balance changed since the quote was shown. "
                             "Check the new quote and confirm again."));
      return 0;
    }

  programme = _kt_store_programme (store, error);
  purchase_id = insert_purchase (store, member_id, card_id, at, purchase, quote, error);
  if (programme == NULL || purchase_id == 0
      || !insert_lines (store, purchase_id, quote, error)
      || !update_member (store, member_id, at, purchase, quote, error)
      || !record_points (store, member_id, purchase_id, at, quote, error)
      || (quote->gift_payable > 0
          && !_kt_store_gift_move (store, member_id, purchase_id, 0, at, -quote->gift_payable,
                                   NULL, error))
      || !_kt_store_counters_apply (store, member_id, purchase_id, day, programme,
                                    holder->counters, quote, error)
      || !_kt_store_spend_add (store, member_id, at, quote->spent, error))
    return 0;

  if (out_quote != NULL)
    *out_quote = g_steal_pointer (&quote);
  return purchase_id;
}

gint64
kt_store_purchase_record (KtStore                *store,
                          gint64                  member_id,
                          const char             *card_number,
                          const KtPurchaseInput  *purchase,
                          const KtQuote          *shown,
                          KtQuote               **out_quote,
                          GError                **error)
{
  KtQuote *quote = NULL;
  gint64 purchase_id;

  g_return_val_if_fail (store != NULL && purchase != NULL, 0);

  if (!_kt_store_begin (store, error))
    return 0;
  purchase_id = record (store, member_id, card_number, purchase, shown, &quote, error);
  if (!_kt_store_end (store, purchase_id != 0, error))
    {
      kt_quote_free (quote);
      return 0;
    }

  if (out_quote != NULL)
    *out_quote = quote;
  else
    kt_quote_free (quote);
  return purchase_id;
}

/* ---- reading a purchase back --------------------------------------------- */

static GPtrArray *
purchase_lines (KtStore  *store,
                gint64    purchase_id,
                GError  **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_purchase_line_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT scheme_id, reason, amount FROM purchase_lines "
                            "WHERE purchase_id = ?1 ORDER BY position",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, purchase_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KtPurchaseLine *line = g_new0 (KtPurchaseLine, 1);

      line->scheme_id = sqlite3_column_int64 (stmt, 0);
      line->reason = _kt_store_column_text (stmt, 1);
      line->amount = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (lines, line);
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&lines);
}

KtPurchase *
_kt_store_purchase_read (KtStore  *store,
                         gint64    purchase_id,
                         GError  **error)
{
  sqlite3_stmt *stmt;
  KtPurchase *purchase = NULL;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT " KT_PURCHASE_COLUMNS " "
                            "FROM purchases p LEFT JOIN cards c ON c.id = p.card_id "
                            "WHERE p.id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, purchase_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      purchase = _kt_store_purchase_from_row (stmt);
      rc = SQLITE_DONE;
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    {
      kt_purchase_free (purchase);
      return NULL;
    }
  if (purchase == NULL)
    g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
                 _("There is no purchase %lld."), (long long) purchase_id);
  return purchase;
}

KtPurchase *
kt_store_purchase_get (KtStore     *store,
                       gint64       purchase_id,
                       GPtrArray  **out_lines,
                       GError     **error)
{
  g_autoptr(KtPurchase) purchase = NULL;

  g_return_val_if_fail (store != NULL, NULL);

  purchase = _kt_store_purchase_read (store, purchase_id, error);
  if (purchase == NULL)
    return NULL;
  if (out_lines != NULL && (*out_lines = purchase_lines (store, purchase_id, error)) == NULL)
    return NULL;

  return g_steal_pointer (&purchase);
}
