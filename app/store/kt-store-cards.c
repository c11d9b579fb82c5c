/* kt-store-cards.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cards: lookup by number (the scanner's path), issuing from the shop's
 * sequence, blank batches, handing out, blocking and replacing.
 *
 * A member's active card number is also kept in members.card (for sorting
 * and search); every change of a member's active card updates that column
 * and the member's search words in the same transaction.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core/kt-date.h"
#include "store/kt-store-private.h"

#define KT_CARD_BATCH_MAX 100000

/* The columns card_from_row() reads, in its order, and the join that fills
 * the member's name. */
#define CARD_COLUMNS \
  "c.id, c.number, c.symbology, c.state, c.member_id, m.name, c.batch_id, " \
  "c.issued, c.changed, c.replaced_by"
#define CARD_FROM \
  " FROM cards c LEFT JOIN members m ON m.id = c.member_id "

/* ---- the card struct ------------------------------------------------------ */

void
kt_card_free (KtCard *card)
{
  if (card == NULL)
    return;

  g_free (card->number);
  g_free (card->member_name);
  g_free (card->issued);
  g_free (card->changed);
  g_free (card);
}

const char *
kt_card_state_to_string (KtCardState state)
{
  switch (state)
    {
    case KT_CARD_BLANK:
      return "blank";
    case KT_CARD_ACTIVE:
      return "active";
    case KT_CARD_BLOCKED:
      return "blocked";
    case KT_CARD_LOST:
      return "lost";
    case KT_CARD_REPLACED:
      return "replaced";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
kt_card_state_label (KtCardState state)
{
  /* With a context: in several languages the adjective agrees with "card". */
  switch (state)
    {
    case KT_CARD_BLANK:
      return C_("card state", "Blank");
    case KT_CARD_ACTIVE:
      return C_("card state", "Active");
    case KT_CARD_BLOCKED:
      return C_("card state", "Blocked");
    case KT_CARD_LOST:
      return C_("card state", "Lost");
    case KT_CARD_REPLACED:
      return C_("card state", "Replaced");
    default:
      g_return_val_if_reached (NULL);
    }
}

static KtCard *
card_from_row (sqlite3_stmt *stmt)
{
  KtCard *card = g_new0 (KtCard, 1);

  card->id = sqlite3_column_int64 (stmt, 0);
  card->number = _kt_store_column_text (stmt, 1);
  card->symbology = (KtSymbology) sqlite3_column_int (stmt, 2);
  card->state = (KtCardState) sqlite3_column_int (stmt, 3);
  card->member_id = sqlite3_column_int64 (stmt, 4);
  /* NULL means "nobody": only a blank card has no member. */
  if (card->member_id != 0)
    card->member_name = _kt_store_column_text (stmt, 5);
  card->batch_id = sqlite3_column_int64 (stmt, 6);
  card->issued = _kt_store_column_text_or_null (stmt, 7);
  card->changed = _kt_store_column_text (stmt, 8);
  card->replaced_by = sqlite3_column_int64 (stmt, 9);

  return card;
}

/* ---- reading ---------------------------------------------------------------- */

/* Steps a statement that yields at most one card. NULL with
 * KT_ERROR_NOT_FOUND when there is no row. */
static KtCard *
step_one_card (KtStore       *store,
               sqlite3_stmt  *stmt,
               const char    *number_for_message,
               GError       **error)
{
  KtCard *card = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    card = card_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
                 _("No card with number %s in the register"), number_for_message);
  else
    _kt_store_set_error (store, error);

  sqlite3_reset (stmt);
  return card;
}

/* `number` is already in its canonical form (kt_card_number_parse). */
static KtCard *
find_card (KtStore     *store,
           const char  *number,
           GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store,
                            "SELECT " CARD_COLUMNS CARD_FROM "WHERE c.number = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  return step_one_card (store, stmt, number, error);
}

static KtCard *
find_card_by_id (KtStore  *store,
                 gint64    card_id,
                 GError  **error)
{
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store,
                            "SELECT " CARD_COLUMNS CARD_FROM "WHERE c.id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, card_id);
  label = g_strdup_printf ("#%" G_GINT64_FORMAT, card_id);
  return step_one_card (store, stmt, label, error);
}

KtCard *
kt_store_card_lookup (KtStore     *store,
                      const char  *number,
                      GError     **error)
{
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (number != NULL, NULL);

  /* A mistyped number must never find another member: refuse a wrong check
   * digit before looking anything up. */
  if (!kt_card_number_parse (number, &canonical, NULL, error))
    return NULL;

  return find_card (store, canonical, error);
}

GPtrArray *
kt_store_member_cards (KtStore  *store,
                       gint64    member_id,
                       GError  **error)
{
  g_autoptr(GPtrArray) cards = g_ptr_array_new_with_free_func ((GDestroyNotify) kt_card_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  /* The active card is always the member's latest one (a card never becomes
   * active again), then the older ones by the time they were handed out. */
  stmt = _kt_store_prepare (store,
                            "SELECT " CARD_COLUMNS CARD_FROM
                            "WHERE c.member_id = ?1 "
                            "ORDER BY c.state = 1 DESC, c.issued DESC, c.id DESC",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (cards, card_from_row (stmt));

  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&cards);
}

/* ---- members that receive cards ---------------------------------------------- */

/* Refuses a member who must not get a card now: unknown, erased, archived
 * or blocked. */
static gboolean
check_member_may_receive (KtStore  *store,
                          gint64    member_id,
                          GError  **error)
{
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  gboolean archived, erased;
  KtMemberStatus status;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT name, status, archived, erased FROM members WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
                     _("No member number %lld in the register"), (long long) member_id);
      else
        _kt_store_set_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  name = _kt_store_column_text (stmt, 0);
  status = (KtMemberStatus) sqlite3_column_int (stmt, 1);
  archived = sqlite3_column_int (stmt, 2) != 0;
  erased = sqlite3_column_int (stmt, 3) != 0;
  sqlite3_reset (stmt);

  if (erased)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("The personal data of member number %lld were erased; "
                     "an erased member cannot get a card"),
                   (long long) member_id);
      return FALSE;
    }
  if (archived)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("“%s” is archived; restore the member before handing out a card"),
                   name);
      return FALSE;
    }
  if (status == KT_MEMBER_BLOCKED)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("“%s” is blocked and cannot get a new card"), name);
      return FALSE;
    }

  return TRUE;
}

/* Refuses a second active card (the unique index would too, but with a
 * message nobody understands). */
static gboolean
check_member_has_no_active_card (KtStore  *store,
                                 gint64    member_id,
                                 GError  **error)
{
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT c.number, m.name FROM cards c "
                            "JOIN members m ON m.id = c.member_id "
                            "WHERE c.member_id = ?1 AND c.state = 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    {
      _kt_store_set_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  number = _kt_store_column_text (stmt, 0);
  name = _kt_store_column_text (stmt, 1);
  sqlite3_reset (stmt);

  g_set_error (error, KT_ERROR, KT_ERROR_CONFLICT,
               _("“%s” already has an active card (%s): block or replace it first"),
               name, number);
  return FALSE;
}

/* Writes the member's active card number (or "") and recomputes the search
 * words, so that the number finds the member at once. */
static gboolean
set_member_card (KtStore     *store,
                 gint64       member_id,
                 const char  *number,
                 GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store, "UPDATE members SET card = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, number, -1, SQLITE_TRANSIENT);
  if (!_kt_store_step_done (store, stmt, error))
    return FALSE;

  return _kt_store_member_refresh_search (store, member_id, error);
}

/* ---- the shop's sequence ---------------------------------------------------- */

/* The highest sequence number in use with `prefix`, 0 when none. The range
 * on the unique index holds the shop's EAN-13 numbers, but a migrated
 * Code 128 number may sort into it too, so rows that are not ours are
 * skipped. */
gboolean
_kt_store_card_highest_sequence (KtStore  *store,
                                 guint     prefix,
                                 guint64  *out_sequence,
                                 GError  **error)
{
  g_autofree char *lower = g_strdup_printf ("2%02u000000000", prefix);
  g_autofree char *upper = g_strdup_printf ("2%02u9999999999", prefix);
  sqlite3_stmt *stmt;
  int rc;

  *out_sequence = 0;

  stmt = _kt_store_prepare (store,
                            "SELECT number FROM cards "
                            "WHERE number >= ?1 AND number <= ?2 ORDER BY number DESC",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lower, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *number = (const char *) sqlite3_column_text (stmt, 0);
      guint found_prefix = 0;
      guint64 sequence = 0;

      if (number != NULL &&
          kt_card_number_is_in_store (number) &&
          kt_card_number_split (number, &found_prefix, &sequence) &&
          found_prefix == prefix)
        {
          *out_sequence = sequence;
          rc = SQLITE_DONE;
          break;
        }
    }

  return _kt_store_finish_rows (store, stmt, rc, error);
}

/* The first of `count` free consecutive sequence numbers after the highest
 * one in use. */
static gboolean
reserve_sequence (KtStore  *store,
                  guint     prefix,
                  guint     count,
                  guint64  *out_first,
                  GError  **error)
{
  guint64 highest;

  if (!_kt_store_card_highest_sequence (store, prefix, &highest, error))
    return FALSE;

  if (KT_CARD_SEQUENCE_MAX - highest < count)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Not enough card numbers are left for shop prefix %02u "
                     "(needed: %u, left: %llu)"),
                   prefix, count, (unsigned long long) (KT_CARD_SEQUENCE_MAX - highest));
      return FALSE;
    }

  *out_first = highest + 1;
  return TRUE;
}

/* ---- writing cards ---------------------------------------------------------- */

/* Inserts a card; a member_id of 0 makes it blank. Returns the new id, or
 * 0 with error set (a duplicate number included). */
static gint64
insert_card (KtStore      *store,
             const char   *number,
             KtSymbology   symbology,
             gint64        member_id,
             gint64        batch_id,
             const char   *now,
             GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store,
                            "INSERT INTO cards (number, symbology, state, member_id, batch_id, "
                            "                   issued, changed) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, symbology);
  sqlite3_bind_int (stmt, 3, member_id != 0 ? KT_CARD_ACTIVE : KT_CARD_BLANK);
  if (member_id != 0)
    {
      sqlite3_bind_int64 (stmt, 4, member_id);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
    }
  if (batch_id != 0)
    sqlite3_bind_int64 (stmt, 5, batch_id);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);

  if (!_kt_store_step_done (store, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (store->db);
}

static gboolean
activate_blank_card (KtStore     *store,
                     gint64       card_id,
                     gint64       member_id,
                     const char  *now,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store,
                            "UPDATE cards SET state = 1, member_id = ?2, issued = ?3, changed = ?3 "
                            "WHERE id = ?1 AND state = 0",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_int64 (stmt, 2, member_id);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  return _kt_store_step_done (store, stmt, error);
}

static gboolean
set_card_state (KtStore      *store,
                gint64        card_id,
                KtCardState   state,
                const char   *now,
                GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store,
                            "UPDATE cards SET state = ?2, changed = ?3 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_int (stmt, 2, state);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  return _kt_store_step_done (store, stmt, error);
}

static gboolean
set_card_replaced_by (KtStore  *store,
                      gint64    card_id,
                      gint64    new_card_id,
                      GError  **error)
{
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (store,
                            "UPDATE cards SET replaced_by = ?2 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, card_id);
  sqlite3_bind_int64 (stmt, 2, new_card_id);
  return _kt_store_step_done (store, stmt, error);
}

/* Why a card that exists cannot be handed out: its state, in a sentence. */
static void
set_not_handable_error (const KtCard  *card,
                        GError       **error)
{
  switch (card->state)
    {
    case KT_CARD_ACTIVE:
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Card %s is already active: it belongs to “%s”"),
                   card->number, card->member_name != NULL ? card->member_name : "");
      break;
    case KT_CARD_BLOCKED:
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Card %s is blocked and cannot be handed out"), card->number);
      break;
    case KT_CARD_LOST:
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Card %s was reported lost and cannot be handed out"), card->number);
      break;
    case KT_CARD_REPLACED:
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Card %s was replaced and cannot be handed out"), card->number);
      break;
    case KT_CARD_BLANK:
    default:
      g_assert_not_reached ();
    }
}

/* Makes `number` the member's active card: a blank card from the register,
 * or a valid number the register does not know yet (a card migrated from
 * another system). Returns the card id, or 0 with error set. */
static gint64
hand_out_number (KtStore      *store,
                 gint64        member_id,
                 const char   *number,
                 KtSymbology   symbology,
                 const char   *now,
                 GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(KtCard) card = NULL;

  card = find_card (store, number, &local_error);
  if (card == NULL)
    {
      if (!g_error_matches (local_error, KT_ERROR, KT_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return 0;
        }
      return insert_card (store, number, symbology, member_id, 0, now, error);
    }

  if (card->state != KT_CARD_BLANK)
    {
      set_not_handable_error (card, error);
      return 0;
    }

  if (!activate_blank_card (store, card->id, member_id, now, error))
    return 0;
  return card->id;
}

/* Ends a transaction: commits when the work produced a card, else rolls
 * back. Takes ownership of `card`. */
static KtCard *
finish_with_card (KtStore  *store,
                  KtCard   *card,
                  GError  **error)
{
  if (card == NULL)
    {
      _kt_store_rollback (store);
      return NULL;
    }
  if (!_kt_store_commit (store, error))
    {
      kt_card_free (card);
      return NULL;
    }
  return card;
}

/* ---- issuing ---------------------------------------------------------------- */

static KtCard *
issue_card (KtStore  *store,
            gint64    member_id,
            GError  **error)
{
  g_autofree char *now = kt_datetime_now ();
  g_autofree char *number = NULL;
  guint prefix = kt_store_get_card_prefix (store);
  guint64 sequence;
  gint64 card_id;

  if (!check_member_may_receive (store, member_id, error) ||
      !check_member_has_no_active_card (store, member_id, error) ||
      !reserve_sequence (store, prefix, 1, &sequence, error))
    return NULL;

  number = kt_card_number_make (prefix, sequence);
  card_id = insert_card (store, number, KT_SYMBOLOGY_EAN13, member_id, 0, now, error);
  if (card_id == 0 || !set_member_card (store, member_id, number, error))
    return NULL;

  return find_card_by_id (store, card_id, error);
}

KtCard *
kt_store_card_issue (KtStore  *store,
                     gint64    member_id,
                     GError  **error)
{
  g_return_val_if_fail (store != NULL, NULL);

  if (!_kt_store_begin (store, error))
    return NULL;
  return finish_with_card (store, issue_card (store, member_id, error), error);
}

/* ---- batches ------------------------------------------------------------------ */

static gint64
create_batch (KtStore     *store,
              guint        count,
              const char  *note,
              GError     **error)
{
  g_autofree char *now = kt_datetime_now ();
  guint prefix = kt_store_get_card_prefix (store);
  sqlite3_stmt *stmt;
  guint64 first;
  gint64 batch_id;

  if (!reserve_sequence (store, prefix, count, &first, error))
    return 0;

  stmt = _kt_store_prepare (store,
                            "INSERT INTO card_batches (created, count, note) VALUES (?1, ?2, ?3)",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, count);
  sqlite3_bind_text (stmt, 3, note, -1, SQLITE_TRANSIENT);
  if (!_kt_store_step_done (store, stmt, error))
    return 0;
  batch_id = sqlite3_last_insert_rowid (store->db);

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *number = kt_card_number_make (prefix, first + i);

      if (insert_card (store, number, KT_SYMBOLOGY_EAN13, 0, batch_id, now, error) == 0)
        return 0;
    }

  return batch_id;
}

gint64
kt_store_card_batch_create (KtStore     *store,
                            guint        count,
                            const char  *note,
                            GError     **error)
{
  gint64 batch_id;

  g_return_val_if_fail (store != NULL, 0);

  if (count < 1 || count > KT_CARD_BATCH_MAX)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("A batch has from 1 to %u cards"), (guint) KT_CARD_BATCH_MAX);
      return 0;
    }

  if (!_kt_store_begin (store, error))
    return 0;

  batch_id = create_batch (store, count, note != NULL ? note : "", error);
  if (!_kt_store_end (store, batch_id != 0, error))
    return 0;
  return batch_id;
}

/* ---- handing out a card ------------------------------------------------------------ */

static KtCard *
assign_card (KtStore      *store,
             gint64        member_id,
             const char   *number,
             KtSymbology   symbology,
             GError      **error)
{
  g_autofree char *now = kt_datetime_now ();
  gint64 card_id;

  if (!check_member_may_receive (store, member_id, error) ||
      !check_member_has_no_active_card (store, member_id, error))
    return NULL;

  card_id = hand_out_number (store, member_id, number, symbology, now, error);
  if (card_id == 0 || !set_member_card (store, member_id, number, error))
    return NULL;

  return find_card_by_id (store, card_id, error);
}

KtCard *
kt_store_card_assign (KtStore     *store,
                      gint64       member_id,
                      const char  *number,
                      GError     **error)
{
  g_autofree char *canonical = NULL;
  KtSymbology symbology;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (number != NULL, NULL);

  if (!kt_card_number_parse (number, &canonical, &symbology, error))
    return NULL;

  if (!_kt_store_begin (store, error))
    return NULL;
  return finish_with_card (store,
                           assign_card (store, member_id, canonical, symbology, error),
                           error);
}

/* ---- blocking ------------------------------------------------------------------------ */

static gboolean
block_card (KtStore     *store,
            const char  *number,
            GError     **error)
{
  g_autofree char *now = kt_datetime_now ();
  g_autoptr(KtCard) card = find_card (store, number, error);

  if (card == NULL)
    return FALSE;

  switch (card->state)
    {
    case KT_CARD_ACTIVE:
      break;
    case KT_CARD_BLANK:
      /* A blocked card still names the member it was taken from (the
       * schema requires it), and a blank card has nobody. */
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Card %s is blank and belongs to nobody, so there is nothing to block"),
                   card->number);
      return FALSE;
    case KT_CARD_BLOCKED:
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Card %s is already blocked"), card->number);
      return FALSE;
    case KT_CARD_LOST:
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Card %s was reported lost and is no longer in use"), card->number);
      return FALSE;
    case KT_CARD_REPLACED:
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Card %s was replaced and is no longer in use"), card->number);
      return FALSE;
    default:
      g_assert_not_reached ();
    }

  return set_card_state (store, card->id, KT_CARD_BLOCKED, now, error) &&
         set_member_card (store, card->member_id, "", error);
}

gboolean
kt_store_card_block (KtStore     *store,
                     const char  *number,
                     GError     **error)
{
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  if (!kt_card_number_parse (number, &canonical, NULL, error))
    return FALSE;

  if (!_kt_store_begin (store, error))
    return FALSE;
  return _kt_store_end (store, block_card (store, canonical, error), error);
}

/* ---- replacing ----------------------------------------------------------------------- */

static gboolean
check_replaceable (const KtCard  *card,
                   GError       **error)
{
  switch (card->state)
    {
    case KT_CARD_ACTIVE:
    case KT_CARD_BLOCKED:
      return TRUE;
    case KT_CARD_BLANK:
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Card %s is blank and belongs to nobody; hand out a card instead"),
                   card->number);
      return FALSE;
    case KT_CARD_LOST:
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Card %s was already reported lost and replaced"), card->number);
      return FALSE;
    case KT_CARD_REPLACED:
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Card %s was already replaced"), card->number);
      return FALSE;
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

/* The new card for a replacement: `new_number` when given (already
 * canonical), else the next number of the shop's sequence. Returns its id,
 * or 0 with error set; `out_number` gets its number. */
static gint64
replacement_card (KtStore      *store,
                  gint64        member_id,
                  const char   *new_number,
                  KtSymbology   new_symbology,
                  const char   *now,
                  char        **out_number,
                  GError      **error)
{
  guint prefix;
  guint64 sequence;

  if (new_number != NULL)
    {
      *out_number = g_strdup (new_number);
      return hand_out_number (store, member_id, new_number, new_symbology, now, error);
    }

  prefix = kt_store_get_card_prefix (store);
  if (!reserve_sequence (store, prefix, 1, &sequence, error))
    return 0;
  *out_number = kt_card_number_make (prefix, sequence);
  return insert_card (store, *out_number, KT_SYMBOLOGY_EAN13, member_id, 0, now, error);
}

static KtCard *
replace_card (KtStore      *store,
              const char   *old_number,
              KtCardState   old_card_becomes,
              const char   *new_number,
              KtSymbology   new_symbology,
              GError      **error)
{
  g_autofree char *now = kt_datetime_now ();
  g_autofree char *number = NULL;
  g_autoptr(KtCard) old_card = NULL;
  gint64 new_id;

  old_card = find_card (store, old_number, error);
  if (old_card == NULL ||
      !check_replaceable (old_card, error) ||
      !check_member_may_receive (store, old_card->member_id, error))
    return NULL;

  /* The old card leaves service first: the member may hold one active card
   * only, and it may be this one. */
  if (!set_card_state (store, old_card->id, old_card_becomes, now, error) ||
      !check_member_has_no_active_card (store, old_card->member_id, error))
    return NULL;

  new_id = replacement_card (store, old_card->member_id, new_number, new_symbology,
                             now, &number, error);
  if (new_id == 0 ||
      !set_card_replaced_by (store, old_card->id, new_id, error) ||
      !set_member_card (store, old_card->member_id, number, error))
    return NULL;

  /* Points, purchases and counters belong to the member, not to the card,
   * so they carry over without being moved. */
  return find_card_by_id (store, new_id, error);
}

KtCard *
kt_store_card_replace (KtStore      *store,
                       const char   *old_number,
                       KtCardState   old_card_becomes,
                       const char   *new_number,
                       GError      **error)
{
  g_autofree char *old_canonical = NULL;
  g_autofree char *new_canonical = NULL;
  KtSymbology new_symbology = KT_SYMBOLOGY_EAN13;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (old_number != NULL, NULL);
  g_return_val_if_fail (old_card_becomes == KT_CARD_LOST ||
                        old_card_becomes == KT_CARD_REPLACED, NULL);

  if (!kt_card_number_parse (old_number, &old_canonical, NULL, error))
    return NULL;
  if (new_number != NULL &&
      !kt_card_number_parse (new_number, &new_canonical, &new_symbology, error))
    return NULL;

  if (new_canonical != NULL && g_str_equal (new_canonical, old_canonical))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("The new card needs a number other than the old card’s (%s)"),
                   old_canonical);
      return NULL;
    }

  if (!_kt_store_begin (store, error))
    return NULL;
  return finish_with_card (store,
                           replace_card (store, old_canonical, old_card_becomes,
                                         new_canonical, new_symbology, error),
                           error);
}
