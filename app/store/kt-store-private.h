/* kt-store-private.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the store's own files only: nothing outside app/store includes
 * this or sees a SQL statement.
 */

#pragma once

#include <sqlite3.h>

#include "store/kt-store.h"
#include "store/kt-store-till.h"

G_BEGIN_DECLS

struct _KtStore
{
  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text (static) -> sqlite3_stmt*, prepared once */
  KtProgramme *programme;   /* parsed schemes and settings, see kt-store-programme.c */
  gint64      programme_version; /* PRAGMA data_version it was read at */
};

/* A cached, reset statement for static SQL text; bind, step, and the next
 * call resets it. NULL with error set on failure. */
sqlite3_stmt *_kt_store_prepare     (KtStore      *store,
                                     const char   *sql,
                                     GError      **error);
gboolean      _kt_store_exec        (KtStore      *store,
                                     const char   *sql,
                                     GError      **error);
gboolean      _kt_store_begin       (KtStore      *store,
                                     GError      **error);
gboolean      _kt_store_commit      (KtStore      *store,
                                     GError      **error);
void          _kt_store_rollback    (KtStore      *store);
/* Ends the transaction _kt_store_begin() opened: commits when the work
 * was `done`, else rolls back. FALSE when nothing was saved. */
gboolean      _kt_store_end         (KtStore      *store,
                                     gboolean      done,
                                     GError      **error);
/* Steps a statement that returns no row (or ignores them). */
gboolean      _kt_store_step_done   (KtStore      *store,
                                     sqlite3_stmt *stmt,
                                     GError      **error);
/* Ends a walk over a statement's rows: `rc` is the last sqlite3_step()
 * result, SQLITE_DONE when every row was read; anything else sets error.
 * Resets the statement either way. */
gboolean      _kt_store_finish_rows (KtStore      *store,
                                     sqlite3_stmt *stmt,
                                     int           rc,
                                     GError      **error);
/* The first column of the one row of a query without parameters. */
gboolean      _kt_store_query_int64 (KtStore      *store,
                                     const char   *sql,
                                     gint64       *out_value,
                                     GError      **error);
void          _kt_store_set_error   (KtStore      *store,
                                     GError      **error);
char         *_kt_store_column_text (sqlite3_stmt *stmt,
                                     int           column);
char         *_kt_store_column_text_or_null (sqlite3_stmt *stmt,
                                     int           column);

/* Recomputes a member's search words (name, phone, e-mail, card numbers)
 * and search key and writes them, which updates the FTS index through its
 * triggers. Call it after every write that changes those fields. */
gboolean      _kt_store_member_refresh_search (KtStore *store,
                                     gint64        member_id,
                                     GError      **error);
KtMember     *_kt_store_member_from_row (sqlite3_stmt *stmt);
/* The derived keys of a member row, one rule for every writer (including
 * the demo's bulk load): folded name for sorting, phone digits and folded
 * e-mail for duplicate detection, the words search matches, and the search
 * key (the member's FTS rowid, in name order; member ids below 2^26). */
#define KT_SEARCH_KEY_ID_BITS 26
char         *_kt_store_name_key    (const char   *name);
char         *_kt_store_phone_key   (const char   *phone);
char         *_kt_store_email_key   (const char   *email);
gint64        _kt_store_search_key  (const char   *name_key,
                                     gint64        member_id);
char         *_kt_store_search_text (const char   *name,
                                     const char   *phone,
                                     const char   *email,
                                     const char   *card);

/* The highest sequence number of the shop's own cards with `prefix`, 0
 * when none (see kt-store-cards.c). */
gboolean      _kt_store_card_highest_sequence (KtStore *store,
                                     guint         prefix,
                                     guint64      *out_sequence,
                                     GError      **error);

/* Counts the listed members again into register_counts, after a bulk
 * load that ran without the triggers that keep it. */
gboolean      _kt_store_recount_members (KtStore *store,
                                         GError **error);

/* A page of the members matching an FTS5 query, in name order (see
 * kt-store-name-search.c). */
GPtrArray    *_kt_store_name_search_page (KtStore        *store,
                                          const char     *fts_query,
                                          gboolean        descending,
                                          const KtMember *after,
                                          guint           offset,
                                          guint           limit,
                                          GError        **error);

/* The columns _kt_store_member_from_row() reads, in its order, from a query
 * over `members m`. */
#define KT_MEMBER_COLUMNS \
  "m.id, m.name, m.phone, m.email, m.birth_date, m.notes, m.consent, " \
  "m.consent_date, m.referrer_id, m.status, m.joined, m.archived, m.erased, " \
  "m.card, m.total_spent, m.purchase_count, m.last_visit, m.points"

/* No real balance comes near this: a bound against typing errors. */
#define KT_POINTS_MAX G_GINT64_CONSTANT (1000000000000)

/* One points ledger row to write (kt-store-points.c). */
typedef struct
{
  gint64        member_id;
  gint64        purchase_id;   /* 0: none */
  gint64        refund_id;     /* 0: none */
  const char   *at;
  KtPointsKind  kind;
  gint64        points;
  const char   *reason;
} KtPointsRow;

gboolean      _kt_store_points_add_lot (KtStore           *store,
                                        const KtPointsRow *row,
                                        const char        *usable_on,
                                        const char        *expires_on,
                                        GError           **error);
gboolean      _kt_store_points_move (KtStore           *store,
                                     const KtPointsRow *row,
                                     gint64             lot_id,
                                     GError           **error);
gboolean      _kt_store_points_take (KtStore           *store,
                                     const KtPointsRow *row,
                                     gint64             first_lot,
                                     const char        *day,
                                     gint64            *out_taken,
                                     GError           **error);
gboolean      _kt_store_points_balance (KtStore        *store,
                                        gint64          member_id,
                                        const char     *day,
                                        gint64         *out_usable,
                                        gint64         *out_pending,
                                        GError        **error);
gboolean      _kt_store_points_expire_member (KtStore  *store,
                                              gint64    member_id,
                                              const char *day,
                                              GError  **error);
gboolean      _kt_store_points_expiry_due (KtStore     *store,
                                           gint64       member_id,
                                           const char  *day,
                                           gboolean    *out_due,
                                           GError     **error);
/* The lot a purchase's points were earned in, 0 when none. */
gboolean      _kt_store_query_lot   (KtStore      *store,
                                     gint64        purchase_id,
                                     gint64       *out_lot,
                                     GError      **error);
/* Moves money on or off the member's gift card (kt-store-gift.c). */
gboolean      _kt_store_gift_move   (KtStore      *store,
                                     gint64        member_id,
                                     gint64        purchase_id,
                                     gint64        refund_id,
                                     const char   *at,
                                     KtMoney       amount,
                                     const char   *reason,
                                     GError      **error);
/* Refuses a member who does not exist, is archived or erased. */
gboolean      _kt_store_member_check_open (KtStore *store,
                                           gint64   member_id,
                                           GError **error);

/* A member's scheme counters (kt-store-counters.c). */
typedef struct
{
  GArray       *items;      /* of KtSchemeCounter */
  GStringChunk *strings;    /* their run_started texts */
} KtCounters;

void          _kt_counters_free     (KtCounters *counters);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtCounters, _kt_counters_free)
KtSchemeCounter *_kt_counters_find  (KtCounters *counters,
                                     gint64      scheme_id);
/* The counter as it is, or a new one at zero added to `counters`. */
KtSchemeCounter *_kt_counters_get   (KtCounters *counters,
                                     gint64      scheme_id);
KtCounters   *_kt_store_counters_load (KtStore *store,
                                       gint64   member_id,
                                       GError **error);
/* Applies a recorded purchase's effects to `counters` and writes them. */
gboolean      _kt_store_counters_apply (KtStore           *store,
                                        gint64             member_id,
                                        gint64             purchase_id,
                                        const char        *day,
                                        const KtProgramme *programme,
                                        KtCounters        *counters,
                                        const KtQuote     *quote,
                                        GError           **error);
/* Takes back what a purchase did, `refunded` of its `amount` being
 * refunded so far (this refund included). */
gboolean      _kt_store_counters_reverse (KtStore     *store,
                                          gint64       member_id,
                                          gint64       purchase_id,
                                          gint64       refund_id,
                                          const char  *purchase_day,
                                          KtMoney      refunded,
                                          KtMoney      amount,
                                          GError     **error);
/* value * numerator / denominator, rounded half away from zero, without
 * overflowing on the way. */
gint64        _kt_share             (gint64 value,
                                     gint64 numerator,
                                     gint64 denominator);

/* The columns _kt_store_purchase_from_row() reads, from a query over
 * `purchases p LEFT JOIN cards c ON c.id = p.card_id`. */
#define KT_PURCHASE_COLUMNS \
  "p.id, p.member_id, coalesce (c.number, ''), p.at, p.amount, p.items, " \
  "p.category, p.discount, p.points_earned, p.points_redeemed, p.paid, " \
  "p.gift_paid, p.refunded"
KtPurchase   *_kt_store_purchase_from_row (sqlite3_stmt *stmt);

/* A member's state for the quote, with what it points to (kt-store-till.c). */
typedef struct
{
  KtMemberState  state;
  char          *birth_date;
  KtCounters    *counters;
} KtMemberStateHolder;

void          _kt_member_state_free (KtMemberStateHolder *holder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtMemberStateHolder, _kt_member_state_free)
/* The member's state as of `day`, from the counters alone. */
KtMemberStateHolder *_kt_store_member_state (KtStore           *store,
                                             gint64             member_id,
                                             const char        *day,
                                             const KtProgramme *programme,
                                             GError           **error);
KtPurchase   *_kt_store_purchase_read (KtStore *store,
                                       gint64   purchase_id,
                                       GError **error);

/* Adds a KtCheckDifference when `stored` and `computed` differ. */
void          _kt_store_add_difference (GPtrArray  *differences,
                                        gint64      member_id,
                                        const char *what,
                                        const char *stored,
                                        const char *computed);
/* The checks of the programme's ledgers (kt-store-check-ledgers.c). */
gboolean      _kt_store_check_ledgers (KtStore    *store,
                                       GPtrArray  *differences,
                                       GError    **error);

/* The programme as the till uses it: kept parsed while no one changes
 * it. Owned by the store; valid until the next call into the store. */
const KtProgramme *_kt_store_programme (KtStore *store,
                                        GError **error);
void          _kt_store_programme_forget (KtStore *store);
/* Replaces the programme, inside the caller's transaction. */
gboolean      _kt_store_import_programme (KtStore           *store,
                                          const KtProgramme *programme,
                                          GError           **error);
/* Writes a setting without checking it: for the store's own keys. */
gboolean      _kt_store_write_setting (KtStore     *store,
                                       const char  *key,
                                       const char  *value,
                                       GError     **error);
/* Keeps spend_days for as many days as the longest last-N-days tier needs,
 * rebuilding them from the history when that grows (kt-store-spend.c). */
gboolean      _kt_store_spend_days_prepare (KtStore *store,
                                        GError **error);

/* Adds what a member spent (negative: refunded) on the day of `at`. */
gboolean      _kt_store_spend_add   (KtStore      *store,
                                     gint64        member_id,
                                     const char   *at,
                                     KtMoney       spent,
                                     GError      **error);
/* What the member spent in the `days` days before `day`. */
gboolean      _kt_store_spend_window (KtStore     *store,
                                     gint64        member_id,
                                     const char   *day,
                                     gint          days,
                                     KtMoney      *out_spent,
                                     GError      **error);

G_END_DECLS
