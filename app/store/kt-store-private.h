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

G_BEGIN_DECLS

struct _KtStore
{
  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text (static) -> sqlite3_stmt*, prepared once */
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

G_END_DECLS
