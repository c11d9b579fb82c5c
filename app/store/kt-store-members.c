/* kt-store-members.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The member register: adding, reading, editing, archiving and erasing
 * members, the purchase history, and the derived keys every member row
 * carries for sorting, duplicate detection and search.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/kt-date.h"
#include "core/kt-text.h"
#include "store/kt-store-private.h"

/* ---- derived keys ------------------------------------------------------- */

char *
_kt_store_name_key (const char *name)
{
  return kt_text_fold (name != NULL ? name : "");
}

char *
_kt_store_phone_key (const char *phone)
{
  g_autofree char *normalized = kt_phone_normalize (phone != NULL ? phone : "");
  const char *digits = normalized;

  if (*digits == '+')
    digits++;
  /* Too few digits to tell two people apart: no key, no duplicate warning. */
  if (strlen (digits) < 5)
    return g_strdup ("");
  return g_strdup (digits);
}

char *
_kt_store_email_key (const char *email)
{
  g_autofree char *stripped = kt_text_strip (email);

  return g_utf8_casefold (stripped, -1);
}

char *
_kt_store_search_text (const char *name,
                       const char *phone,
                       const char *email,
                       const char *card)
{
  g_autofree char *digits = _kt_store_phone_key (phone);
  g_autofree char *local_number = NULL;
  g_autofree char *local_part = NULL;
  const char *fields[6] = { NULL, };
  guint n = 0;

  /* kt_text_search_tokens() stops at the first NULL: pass "" for nothing. */
  fields[n++] = name != NULL ? name : "";
  /* The phone as one word of digits, and its last seven digits, so that
   * both "+380 67 123 45 67" and "1234567" find it. */
  fields[n++] = digits;
  if (strlen (digits) > 7)
    fields[n++] = local_number = g_strdup (digits + strlen (digits) - 7);
  /* Only the part of the e-mail before the @: every domain word would make
   * "g" or "m" match half the register. */
  if (email != NULL && strchr (email, '@') != NULL)
    fields[n++] = local_part = g_strndup (email, strchr (email, '@') - email);
  else
    fields[n++] = email != NULL ? email : "";
  fields[n++] = card != NULL ? card : "";

  return kt_text_search_tokens (fields);
}

/* Where a character falls in name order, in seven bits. Every letter of
 * the names we expect (folded: a-z, Cyrillic а-я, Ukrainian і ї є ґ) and
 * the space have a code of their own, in code point order, which is the
 * order of UTF-8 bytes and so of name_key. Anything else falls in a shared
 * "lossy" code between its neighbours; after one of those the rest of the
 * key must stay 0, else two names could swap places. */
#define LOSSY 0x80

static guint
name_order_code (gunichar c)
{
  if (c == 0)
    return 0;
  if (c < ' ')
    return 1 | LOSSY;
  if (c == ' ')
    return 2;
  if (c < '0')
    return 3 | LOSSY;
  if (c <= '9')
    return 4 + (c - '0');         /* 4..13 */
  if (c < 'a')
    return 14 | LOSSY;
  if (c <= 'z')
    return 15 + (c - 'a');        /* 15..40 */
  if (c < 0x430)
    return 41 | LOSSY;
  if (c <= 0x45f)
    return 42 + (c - 0x430);      /* а..я, ѐ..џ (є, і, ї): 42..89 */
  if (c < 0x491)
    return 90 | LOSSY;
  if (c == 0x491)
    return 91;                    /* ґ */
  return 92 | LOSSY;
}

gint64
_kt_store_search_key (const char *name_key,
                      gint64      member_id)
{
  const char *p = name_key != NULL ? name_key : "";
  guint64 code = 0;
  gboolean exact = TRUE;

  g_return_val_if_fail (member_id >= 0 && member_id < ((gint64) 1 << KT_SEARCH_KEY_ID_BITS), 0);

  /* Five characters of seven bits above the id: 61 bits, a positive rowid. */
  for (guint i = 0; i < 5; i++)
    {
      guint c = 0;

      if (exact && *p != '\0')
        {
          c = name_order_code (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
          exact = (c & LOSSY) == 0;
        }
      code = (code << 7) | (c & ~LOSSY);
    }
  return (gint64) ((code << KT_SEARCH_KEY_ID_BITS) | (guint64) member_id);
}

/* Steps a statement over one member's row, `member_id` bound. FALSE, with
 * the statement reset, when the member is not in the register. */
static gboolean
step_member_row (sqlite3_stmt  *stmt,
                 gint64         member_id,
                 GError       **error)
{
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;

  sqlite3_reset (stmt);
  g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
               _("Member %lld is not in the register"), (long long) member_id);
  return FALSE;
}

gboolean
_kt_store_member_refresh_search (KtStore  *store,
                                 gint64    member_id,
                                 GError  **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *search_text = NULL;
  gint64 search_key;
  gboolean listed;

  stmt = _kt_store_prepare (store,
                            "SELECT name, phone, email, card, archived, erased, name_key "
                            "FROM members WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (!step_member_row (stmt, member_id, error))
    return FALSE;

  /* Archived and erased members leave the search index: search finds the
   * people the shop serves. */
  listed = !sqlite3_column_int (stmt, 4) && !sqlite3_column_int (stmt, 5);
  search_text = listed
    ? _kt_store_search_text ((const char *) sqlite3_column_text (stmt, 0),
                             (const char *) sqlite3_column_text (stmt, 1),
                             (const char *) sqlite3_column_text (stmt, 2),
                             (const char *) sqlite3_column_text (stmt, 3))
    : g_strdup ("");
  search_key = _kt_store_search_key ((const char *) sqlite3_column_text (stmt, 6), member_id);
  sqlite3_reset (stmt);

  stmt = _kt_store_prepare (store,
                            "UPDATE members SET search_text = ?2, search_key = ?3 "
                            "WHERE id = ?1 AND (search_text <> ?2 OR search_key IS NOT ?3)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, search_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, search_key);
  return _kt_store_step_done (store, stmt, error);
}

/* ---- reading ------------------------------------------------------------ */

KtMember *
_kt_store_member_from_row (sqlite3_stmt *stmt)
{
  KtMember *member = kt_member_new ();

  member->id = sqlite3_column_int64 (stmt, 0);
  kt_member_set_string (&member->name, (const char *) sqlite3_column_text (stmt, 1));
  kt_member_set_string (&member->phone, (const char *) sqlite3_column_text (stmt, 2));
  kt_member_set_string (&member->email, (const char *) sqlite3_column_text (stmt, 3));
  member->birth_date = _kt_store_column_text_or_null (stmt, 4);
  kt_member_set_string (&member->notes, (const char *) sqlite3_column_text (stmt, 5));
  member->consent = sqlite3_column_int (stmt, 6) != 0;
  member->consent_date = _kt_store_column_text_or_null (stmt, 7);
  member->referrer_id = sqlite3_column_int64 (stmt, 8);
  member->status = (KtMemberStatus) CLAMP (sqlite3_column_int (stmt, 9), 0, KT_MEMBER_STATUS_LAST);
  kt_member_set_string (&member->joined, (const char *) sqlite3_column_text (stmt, 10));
  member->archived = sqlite3_column_int (stmt, 11) != 0;
  member->erased = sqlite3_column_int (stmt, 12) != 0;
  kt_member_set_string (&member->card, (const char *) sqlite3_column_text (stmt, 13));
  member->total_spent = sqlite3_column_int64 (stmt, 14);
  member->purchase_count = sqlite3_column_int64 (stmt, 15);
  member->last_visit = _kt_store_column_text_or_null (stmt, 16);
  member->points = sqlite3_column_int64 (stmt, 17);

  return member;
}

KtMember *
kt_store_member_get (KtStore  *store,
                     gint64    member_id,
                     GError  **error)
{
  sqlite3_stmt *stmt;
  KtMember *member;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = _kt_store_prepare (store,
                            "SELECT " KT_MEMBER_COLUMNS ", r.name "
                            "FROM members m LEFT JOIN members r ON r.id = m.referrer_id "
                            "WHERE m.id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  if (!step_member_row (stmt, member_id, error))
    return NULL;

  member = _kt_store_member_from_row (stmt);
  member->referrer_name = _kt_store_column_text_or_null (stmt, 18);
  sqlite3_reset (stmt);
  return member;
}

/* ---- writing ------------------------------------------------------------ */

static gboolean
check_referrer (KtStore         *store,
                const KtMember  *member,
                GError         **error)
{
  g_autoptr(KtMember) referrer = NULL;
  g_autoptr(GError) local_error = NULL;

  if (member->referrer_id == 0)
    return TRUE;

  if (member->referrer_id == member->id)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("A member cannot have referred themselves"));
      return FALSE;
    }

  referrer = kt_store_member_get (store, member->referrer_id, &local_error);
  if (referrer == NULL)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The referring member %lld is not in the register"),
                   (long long) member->referrer_id);
      return FALSE;
    }
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

/* Binds the profile and its derived keys as ?2..?13, the same order in the
 * INSERT and the UPDATE below. The search words follow with
 * _kt_store_member_refresh_search(), once the row has its id. */
static void
bind_profile (sqlite3_stmt   *stmt,
              const KtMember *member)
{
  g_autofree char *name_key = _kt_store_name_key (member->name);
  g_autofree char *phone_key = _kt_store_phone_key (member->phone);
  g_autofree char *email_key = _kt_store_email_key (member->email);

  sqlite3_bind_text (stmt, 2, member->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, member->phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, member->email, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 5, member->birth_date);
  sqlite3_bind_text (stmt, 6, member->notes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, member->consent ? 1 : 0);
  bind_text_or_null (stmt, 8, member->consent_date);
  if (member->referrer_id != 0)
    sqlite3_bind_int64 (stmt, 9, member->referrer_id);
  else
    sqlite3_bind_null (stmt, 9);
  sqlite3_bind_int (stmt, 10, member->status);
  sqlite3_bind_text (stmt, 11, name_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, phone_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 13, email_key, -1, SQLITE_TRANSIENT);
}

static gboolean
validate_for_store (KtStore   *store,
                    KtMember  *member,
                    GError   **error)
{
  if (!kt_member_validate (member, NULL, error))
    return FALSE;
  if (member->consent && member->consent_date == NULL)
    member->consent_date = kt_date_today ();
  if (!member->consent)
    g_clear_pointer (&member->consent_date, g_free);
  return check_referrer (store, member, error);
}

/* Runs a prepared write on one member's row, then recomputes the member's
 * search words from what it wrote. */
static gboolean
write_member_row (KtStore       *store,
                  sqlite3_stmt  *stmt,
                  gint64         member_id,
                  GError       **error)
{
  return _kt_store_step_done (store, stmt, error) &&
         _kt_store_member_refresh_search (store, member_id, error);
}

/* Inserts a validated new member and gives `member` its id. */
static gboolean
insert_member (KtStore   *store,
               KtMember  *member,
               GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store,
                            "INSERT INTO members (name, phone, email, birth_date, notes, "
                            "  consent, consent_date, referrer_id, status, "
                            "  name_key, phone_key, email_key, joined) "
                            "VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                            error);
  if (stmt == NULL)
    return FALSE;
  bind_profile (stmt, member);
  sqlite3_bind_text (stmt, 14, member->joined, -1, SQLITE_TRANSIENT);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;
  member->id = sqlite3_last_insert_rowid (store->db);
  return _kt_store_member_refresh_search (store, member->id, error);
}

gboolean
kt_store_member_add (KtStore   *store,
                     KtMember  *member,
                     GError   **error)
{
  g_autofree char *today = kt_date_today ();

  g_return_val_if_fail (store != NULL && member != NULL, FALSE);

  member->id = 0;
  if (member->joined == NULL || *member->joined == '\0')
    kt_member_set_string (&member->joined, today);
  else if (!kt_date_is_valid (member->joined))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The joining date “%s” is not a date (YYYY-MM-DD)"), member->joined);
      return FALSE;
    }
  /* A new member has no card and no history yet. */
  kt_member_set_string (&member->card, "");
  member->archived = member->erased = FALSE;
  member->total_spent = member->purchase_count = member->points = 0;
  g_clear_pointer (&member->last_visit, g_free);

  if (!validate_for_store (store, member, error))
    return FALSE;

  if (!_kt_store_begin (store, error))
    return FALSE;
  if (!_kt_store_end (store, insert_member (store, member, error), error))
    {
      member->id = 0;
      return FALSE;
    }
  return TRUE;
}

static gboolean
update_profile (KtStore         *store,
                const KtMember  *member,
                GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store,
                            "UPDATE members SET name = ?2, phone = ?3, email = ?4, "
                            "  birth_date = ?5, notes = ?6, consent = ?7, consent_date = ?8, "
                            "  referrer_id = ?9, status = ?10, name_key = ?11, phone_key = ?12, "
                            "  email_key = ?13 "
                            "WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member->id);
  bind_profile (stmt, member);
  return write_member_row (store, stmt, member->id, error);
}

gboolean
kt_store_member_update (KtStore   *store,
                        KtMember  *member,
                        GError   **error)
{
  g_autoptr(KtMember) stored = NULL;

  g_return_val_if_fail (store != NULL && member != NULL, FALSE);

  stored = kt_store_member_get (store, member->id, error);
  if (stored == NULL)
    return FALSE;
  if (stored->erased)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("The personal data of member %lld has been erased; "
                     "the record cannot be edited"), (long long) member->id);
      return FALSE;
    }

  /* What the caller may not change comes from the register, not from the
   * struct it passed in. */
  member->archived = stored->archived;
  member->erased = stored->erased;
  kt_member_set_string (&member->card, stored->card);
  kt_member_set_string (&member->joined, stored->joined);
  if (member->consent && stored->consent && stored->consent_date != NULL)
    kt_member_set_string (&member->consent_date, stored->consent_date);

  if (!validate_for_store (store, member, error))
    return FALSE;

  if (!_kt_store_begin (store, error))
    return FALSE;
  return _kt_store_end (store, update_profile (store, member, error), error);
}

static gboolean
write_archived (KtStore   *store,
                gint64     member_id,
                gboolean   archived,
                GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store, "UPDATE members SET archived = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int (stmt, 2, archived ? 1 : 0);
  return write_member_row (store, stmt, member_id, error);
}

gboolean
kt_store_member_set_archived (KtStore   *store,
                              gint64     member_id,
                              gboolean   archived,
                              GError   **error)
{
  g_autoptr(KtMember) stored = NULL;

  stored = kt_store_member_get (store, member_id, error);
  if (stored == NULL)
    return FALSE;
  if (stored->archived == archived)
    return TRUE;

  if (!_kt_store_begin (store, error))
    return FALSE;
  return _kt_store_end (store, write_archived (store, member_id, archived, error), error);
}

static gboolean
erase_member (KtStore  *store,
              gint64    member_id,
              GError  **error)
{
  g_autofree char *placeholder = NULL;
  g_autofree char *name_key = NULL;
  g_autofree char *now = kt_datetime_now ();
  sqlite3_stmt *stmt;

  /* The name becomes a neutral label so lists and reports still have
   * something to show; the figures stay for the shop's statistics. */
  placeholder = g_strdup_printf (_("Erased member %lld"), (long long) member_id);
  name_key = _kt_store_name_key (placeholder);

  stmt = _kt_store_prepare (store,
                            "UPDATE members SET name = ?2, phone = '', email = '', "
                            "  birth_date = NULL, notes = '', consent = 0, consent_date = NULL, "
                            "  name_key = ?3, phone_key = '', email_key = '', erased = 1 "
                            "WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, placeholder, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name_key, -1, SQLITE_TRANSIENT);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;

  /* The card would still find the anonymised record at the till and earn
   * points for nobody: it is blocked with the erasure. */
  stmt = _kt_store_prepare (store,
                            "UPDATE cards SET state = 2, changed = ?2 "
                            "WHERE member_id = ?1 AND state = 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;
  stmt = _kt_store_prepare (store, "UPDATE members SET card = '' WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  return write_member_row (store, stmt, member_id, error);
}

gboolean
kt_store_member_erase (KtStore  *store,
                       gint64    member_id,
                       GError  **error)
{
  g_autoptr(KtMember) stored = NULL;

  stored = kt_store_member_get (store, member_id, error);
  if (stored == NULL)
    return FALSE;
  if (stored->erased)
    return TRUE;

  if (!_kt_store_begin (store, error))
    return FALSE;
  return _kt_store_end (store, erase_member (store, member_id, error), error);
}

GPtrArray *
kt_store_member_find_duplicates (KtStore         *store,
                                 const KtMember  *member,
                                 GError         **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_member_free);
  g_autofree char *phone_key = _kt_store_phone_key (member->phone);
  g_autofree char *email_key = _kt_store_email_key (member->email);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT " KT_MEMBER_COLUMNS " FROM members m "
                            "WHERE m.id <> ?1 AND m.erased = 0 AND ("
                            "  (?2 <> '' AND m.phone_key = ?2) OR"
                            "  (?3 <> '' AND m.email_key = ?3)) "
                            "ORDER BY m.id LIMIT 10",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member->id);
  sqlite3_bind_text (stmt, 2, phone_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, email_key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, _kt_store_member_from_row (stmt));
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&found);
}

gboolean
_kt_store_recount_members (KtStore  *store,
                           GError  **error)
{
  return _kt_store_exec (store,
                         "UPDATE register_counts SET listed_members = "
                         "(SELECT count(*) FROM members WHERE archived = 0)",
                         error);
}

/* ---- purchase history --------------------------------------------------- */

void
kt_purchase_free (KtPurchase *purchase)
{
  if (purchase == NULL)
    return;
  g_free (purchase->card_number);
  g_free (purchase->at);
  g_free (purchase->category);
  g_free (purchase);
}

KtPurchase *
_kt_store_purchase_from_row (sqlite3_stmt *stmt)
{
  KtPurchase *purchase = g_new0 (KtPurchase, 1);

  purchase->id = sqlite3_column_int64 (stmt, 0);
  purchase->member_id = sqlite3_column_int64 (stmt, 1);
  purchase->card_number = _kt_store_column_text (stmt, 2);
  purchase->at = _kt_store_column_text (stmt, 3);
  purchase->amount = sqlite3_column_int64 (stmt, 4);
  purchase->items = sqlite3_column_int64 (stmt, 5);
  purchase->category = _kt_store_column_text (stmt, 6);
  purchase->discount = sqlite3_column_int64 (stmt, 7);
  purchase->points_earned = sqlite3_column_int64 (stmt, 8);
  purchase->points_redeemed = sqlite3_column_int64 (stmt, 9);
  purchase->paid = sqlite3_column_int64 (stmt, 10);
  purchase->gift_paid = sqlite3_column_int64 (stmt, 11);
  purchase->refunded = sqlite3_column_int64 (stmt, 12);
  return purchase;
}

GPtrArray *
kt_store_member_purchases (KtStore  *store,
                           gint64    member_id,
                           guint     offset,
                           guint     limit,
                           GError  **error)
{
  g_autoptr(GPtrArray) purchases = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_purchase_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT " KT_PURCHASE_COLUMNS " "
                            "FROM purchases p LEFT JOIN cards c ON c.id = p.card_id "
                            "WHERE p.member_id = ?1 "
                            "ORDER BY p.at DESC, p.id DESC LIMIT ?2 OFFSET ?3",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, limit);
  sqlite3_bind_int64 (stmt, 3, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (purchases, _kt_store_purchase_from_row (stmt));
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&purchases);
}
