/* kt-store-counters.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per member and scheme counters: the N-th purchase run, stamps and
 * levels. The quote says what a purchase does to them (KtQuoteEffect);
 * this file applies that, and takes it back on a refund. Every change is
 * also written as a row of differences (scheme_counter_changes) tied to
 * its purchase or refund, so a counter always equals the sum of its
 * changes, which `check` verifies, and a refund knows exactly what its
 * purchase did.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "store/kt-store-private.h"

void
_kt_counters_free (KtCounters *counters)
{
  if (counters == NULL)
    return;

  g_array_unref (counters->items);
  g_string_chunk_free (counters->strings);
  g_free (counters);
}

KtCounters *
_kt_store_counters_load (KtStore  *store,
                         gint64    member_id,
                         GError  **error)
{
  g_autoptr(KtCounters) counters = g_new0 (KtCounters, 1);
  sqlite3_stmt *stmt;
  int rc;

  counters->items = g_array_new (FALSE, TRUE, sizeof (KtSchemeCounter));
  counters->strings = g_string_chunk_new (64);

  stmt = _kt_store_prepare (store,
                            "SELECT scheme_id, run_count, run_total, run_started, stamps, "
                            "       level, level_progress "
                            "FROM scheme_counters WHERE member_id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *started = (const char *) sqlite3_column_text (stmt, 3);
      KtSchemeCounter counter = {
        .scheme_id = sqlite3_column_int64 (stmt, 0),
        .run_count = sqlite3_column_int64 (stmt, 1),
        .run_total = sqlite3_column_int64 (stmt, 2),
        .run_started = started != NULL ? g_string_chunk_insert (counters->strings, started) : NULL,
        .stamps = sqlite3_column_int64 (stmt, 4),
        .level = sqlite3_column_int64 (stmt, 5),
        .level_progress = sqlite3_column_int64 (stmt, 6),
      };

      g_array_append_val (counters->items, counter);
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&counters);
}

KtSchemeCounter *
_kt_counters_find (KtCounters *counters,
                   gint64      scheme_id)
{
  for (guint i = 0; i < counters->items->len; i++)
    {
      KtSchemeCounter *counter = &g_array_index (counters->items, KtSchemeCounter, i);

      if (counter->scheme_id == scheme_id)
        return counter;
    }

  return NULL;
}

KtSchemeCounter *
_kt_counters_get (KtCounters *counters,
                  gint64      scheme_id)
{
  KtSchemeCounter *counter = _kt_counters_find (counters, scheme_id);
  KtSchemeCounter zero = { .scheme_id = scheme_id };

  if (counter != NULL)
    return counter;
  g_array_append_val (counters->items, zero);
  return &g_array_index (counters->items, KtSchemeCounter, counters->items->len - 1);
}

/* ---- writing ------------------------------------------------------------- */

typedef struct
{
  gint64 purchase_id;
  gint64 refund_id;      /* 0: the purchase's own change */
} ChangeOrigin;

static gboolean
write_counter (KtStore               *store,
               gint64                 member_id,
               const KtSchemeCounter *before,
               const KtSchemeCounter *after,
               const ChangeOrigin    *origin,
               GError               **error)
{
  sqlite3_stmt *stmt;

  if (after->run_count == before->run_count && after->run_total == before->run_total
      && after->stamps == before->stamps && after->level == before->level
      && after->level_progress == before->level_progress
      && g_strcmp0 (after->run_started, before->run_started) == 0)
    return TRUE;

  stmt = _kt_store_prepare (store,
                            "INSERT INTO scheme_counters (member_id, scheme_id, run_count, run_total, "
                            "  run_started, stamps, level, level_progress) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                            "ON CONFLICT (member_id, scheme_id) DO UPDATE SET "
                            "  run_count = excluded.run_count, run_total = excluded.run_total, "
                            "  run_started = excluded.run_started, stamps = excluded.stamps, "
                            "  level = excluded.level, level_progress = excluded.level_progress",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, after->scheme_id);
  sqlite3_bind_int64 (stmt, 3, after->run_count);
  sqlite3_bind_int64 (stmt, 4, after->run_total);
  if (after->run_started != NULL)
    sqlite3_bind_text (stmt, 5, after->run_started, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_int64 (stmt, 6, after->stamps);
  sqlite3_bind_int64 (stmt, 7, after->level);
  sqlite3_bind_int64 (stmt, 8, after->level_progress);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;

  stmt = _kt_store_prepare (store,
                            "INSERT INTO scheme_counter_changes (member_id, scheme_id, purchase_id, "
                            "  refund_id, run_count, run_total, stamps, level, level_progress) "
                            "VALUES (?1, ?2, ?3, nullif (?4, 0), ?5, ?6, ?7, ?8, ?9)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, after->scheme_id);
  sqlite3_bind_int64 (stmt, 3, origin->purchase_id);
  sqlite3_bind_int64 (stmt, 4, origin->refund_id);
  sqlite3_bind_int64 (stmt, 5, after->run_count - before->run_count);
  sqlite3_bind_int64 (stmt, 6, after->run_total - before->run_total);
  sqlite3_bind_int64 (stmt, 7, after->stamps - before->stamps);
  sqlite3_bind_int64 (stmt, 8, after->level - before->level);
  sqlite3_bind_int64 (stmt, 9, after->level_progress - before->level_progress);
  return _kt_store_step_done (store, stmt, error);
}

/* ---- a purchase ---------------------------------------------------------- */

static gboolean
levels_reset (const KtProgramme *programme,
              gint64             scheme_id)
{
  for (guint i = 0; i < programme->schemes->len; i++)
    {
      const KtScheme *scheme = g_ptr_array_index (programme->schemes, i);

      if (scheme->id == scheme_id)
        return scheme->levels_reset;
    }

  return FALSE;
}

static void
apply_effect (KtSchemeCounter      *counter,
              const KtQuoteEffect  *effect,
              const KtProgramme    *programme,
              const KtQuote        *quote,
              const char           *day)
{
  switch (effect->kind)
    {
    case KT_EFFECT_STAMP_ADD:
      counter->stamps += effect->value;
      break;
    case KT_EFFECT_STAMPS_USE:
      counter->stamps = MAX (0, counter->stamps - effect->value);
      break;
    case KT_EFFECT_RUN_COUNT:
      counter->run_count += effect->value;
      counter->run_total += quote->spent;
      break;
    case KT_EFFECT_RUN_START:
      counter->run_count = effect->value;
      counter->run_total = quote->spent;
      counter->run_started = day;
      break;
    case KT_EFFECT_RUN_RESET:
      counter->run_count = 0;
      counter->run_total = 0;
      counter->run_started = NULL;
      break;
    case KT_EFFECT_LEVEL_REACH:
      counter->level = effect->value;
      if (levels_reset (programme, effect->scheme_id))
        counter->level_progress = 0;
      break;
    case KT_EFFECT_LEVEL_PROGRESS:
      counter->level_progress += effect->value;
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
_kt_store_counters_apply (KtStore            *store,
                          gint64              member_id,
                          gint64              purchase_id,
                          const char         *day,
                          const KtProgramme  *programme,
                          KtCounters         *counters,
                          const KtQuote      *quote,
                          GError            **error)
{
  ChangeOrigin origin = { purchase_id, 0 };
  g_autoptr(GArray) done = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* Each scheme's effects are applied together, then written once. */
  for (guint i = 0; i < quote->effects->len; i++)
    {
      gint64 scheme_id = g_array_index (quote->effects, KtQuoteEffect, i).scheme_id;
      KtSchemeCounter before, *after;
      gboolean seen = FALSE;

      for (guint j = 0; j < done->len && !seen; j++)
        seen = g_array_index (done, gint64, j) == scheme_id;
      if (seen)
        continue;
      g_array_append_val (done, scheme_id);

      after = _kt_counters_get (counters, scheme_id);
      before = *after;
      for (guint j = i; j < quote->effects->len; j++)
        {
          const KtQuoteEffect *effect = &g_array_index (quote->effects, KtQuoteEffect, j);

          if (effect->scheme_id == scheme_id)
            apply_effect (after, effect, programme, quote, day);
        }
      if (!write_counter (store, member_id, &before, after, &origin, error))
        return FALSE;
    }

  return TRUE;
}

/* ---- a refund ------------------------------------------------------------ */

typedef struct
{
  gint64 scheme_id;
  gint64 done[5];       /* what the purchase changed */
  gint64 undone[5];     /* what refunds have taken back so far */
} PurchaseChange;

enum { RUN_COUNT, RUN_TOTAL, STAMPS, LEVEL, LEVEL_PROGRESS };

static GArray *
purchase_changes (KtStore  *store,
                  gint64    purchase_id,
                  GError  **error)
{
  g_autoptr(GArray) changes = g_array_new (FALSE, TRUE, sizeof (PurchaseChange));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT scheme_id, refund_id IS NOT NULL, SUM (run_count), "
                            "       SUM (run_total), SUM (stamps), SUM (level), SUM (level_progress) "
                            "FROM scheme_counter_changes WHERE purchase_id = ?1 "
                            "GROUP BY scheme_id, refund_id IS NOT NULL ORDER BY scheme_id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, purchase_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 scheme_id = sqlite3_column_int64 (stmt, 0);
      PurchaseChange *change = NULL;
      gint64 *into;

      if (changes->len > 0
          && g_array_index (changes, PurchaseChange, changes->len - 1).scheme_id == scheme_id)
        change = &g_array_index (changes, PurchaseChange, changes->len - 1);
      if (change == NULL)
        {
          PurchaseChange fresh = { .scheme_id = scheme_id };

          g_array_append_val (changes, fresh);
          change = &g_array_index (changes, PurchaseChange, changes->len - 1);
        }
      into = sqlite3_column_int (stmt, 1) ? change->undone : change->done;
      for (int k = 0; k < 5; k++)
        into[k] = sqlite3_column_int64 (stmt, 2 + k);
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;

  return g_steal_pointer (&changes);
}

/* Takes back what a purchase did to the counters: amounts in proportion
 * to what has been refunded of it (refunded / amount), counts only when
 * it is refunded in full. Counters never go below zero. */
gboolean
_kt_store_counters_reverse (KtStore     *store,
                            gint64       member_id,
                            gint64       purchase_id,
                            gint64       refund_id,
                            const char  *purchase_day,
                            KtMoney      refunded,
                            KtMoney      amount,
                            GError     **error)
{
  g_autoptr(KtCounters) counters = _kt_store_counters_load (store, member_id, error);
  g_autoptr(GArray) changes = NULL;
  ChangeOrigin origin = { purchase_id, refund_id };
  gboolean full = refunded >= amount;

  if (counters == NULL || (changes = purchase_changes (store, purchase_id, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < changes->len; i++)
    {
      const PurchaseChange *change = &g_array_index (changes, PurchaseChange, i);
      KtSchemeCounter *after = _kt_counters_get (counters, change->scheme_id);
      KtSchemeCounter before = *after;
      gint64 delta[5];

      for (int k = 0; k < 5; k++)
        {
          gboolean is_amount = k == RUN_TOTAL || k == LEVEL_PROGRESS;
          gint64 target = full ? -change->done[k]
                        : is_amount ? -_kt_share (change->done[k], refunded, amount)
                        : 0;

          delta[k] = target - change->undone[k];
        }

      after->run_count = MAX (0, after->run_count + delta[RUN_COUNT]);
      after->run_total = MAX (0, after->run_total + delta[RUN_TOTAL]);
      after->stamps = MAX (0, after->stamps + delta[STAMPS]);
      after->level = MAX (0, after->level + delta[LEVEL]);
      after->level_progress = MAX (0, after->level_progress + delta[LEVEL_PROGRESS]);
      if (after->run_count == 0)
        after->run_started = NULL;
      else if (before.run_count == 0)
        after->run_started = purchase_day;

      if (!write_counter (store, member_id, &before, after, &origin, error))
        return FALSE;
    }

  return TRUE;
}

gint64
_kt_share (gint64 value,
           gint64 numerator,
           gint64 denominator)
{
  __int128 product;
  __int128 half;
  __int128 quotient;

  g_return_val_if_fail (denominator > 0, 0);

  /* Half away from zero, like every other rounding of money here. */
  product = (__int128) value * numerator;
  half = denominator / 2;
  quotient = product >= 0 ? (product + half) / denominator
                          : -((-product + half) / denominator);
  return (gint64) quotient;
}
