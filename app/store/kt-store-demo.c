/* kt-store-demo.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo shop: fills an empty register with the generated members, cards,
 * purchases and points (core/kt-demo-gen.h), as one transaction.
 *
 * A demo of a million members must load in seconds, so this is a bulk load:
 * the indexes and triggers of the tables it fills are dropped, the rows are
 * inserted in key order with every counter and derived key computed here,
 * then the indexes and triggers are created again from their saved SQL and
 * the full-text index is rebuilt in one pass. Building an index once is
 * several times faster than updating it row by row. Anything that fails
 * rolls the whole load back, the dropped schema included.
 *
 * A trigger dropped here does not run for the loaded rows: whatever a new
 * trigger on these tables maintains must be rebuilt at the end of
 * load_demo () too, the way the search index is.
 */

#define G_LOG_DOMAIN "kt-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "core/kt-demo-gen.h"
#include "store/kt-store-private.h"

/* The demo's card numbers: 2 99 nnnnnnnnn c. */
#define DEMO_CARD_PREFIX "99"
#define DEMO_CURRENCY "UAH"


/* Page cache for the load, in KiB (negative, as PRAGMA cache_size takes
 * it): big enough that the tables being appended to stay in memory. */
#define LOAD_CACHE_KIB 262144
/* Helper threads SQLite may use to sort while it builds an index. */
#define LOAD_SORT_THREADS 2

/* Shares of the progress bar: generating and inserting, building the
 * indexes, the search index, and the commit. */
#define PROGRESS_ROWS 0.40
#define PROGRESS_INDEXES 0.75
#define PROGRESS_SEARCH 0.88
/* Progress reports while inserting: often enough for a smooth bar, rare
 * enough to cost nothing. */
#define ROW_REPORTS 60

typedef struct
{
  KtStore        *store;
  KtProgressFunc  progress;
  gpointer        user_data;
  gint64          next_card_id;
  gint64          next_purchase_id;
  gint64          next_ledger_id;
} Load;

static void
report (Load       *load,
        double      fraction,
        const char *what)
{
  if (load->progress != NULL)
    load->progress (CLAMP (fraction, 0.0, 1.0), what, load->user_data);
}

/* ---- small queries ------------------------------------------------------ */

static gboolean
check_register_empty (KtStore  *store,
                      GError  **error)
{
  gint64 has_members = 0;

  if (!_kt_store_query_int64 (store, "SELECT EXISTS (SELECT 1 FROM members)", &has_members, error))
    return FALSE;
  if (has_members)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_CONFLICT,
                   _("The register already has members: a demo shop can only be "
                     "created in an empty register"));
      return FALSE;
    }
  return TRUE;
}

/* The demo shop's name, currency and card prefix. A register with cards
 * already (blank cards printed in advance) keeps its prefix, so that its
 * numbers stay one sequence. */
static gboolean
set_demo_settings (KtStore  *store,
                   GError  **error)
{
  gint64 has_cards = 0;

  if (!kt_store_set_setting (store, KT_SETTING_SHOP_NAME, _("Demo Shop"), error) ||
      !kt_store_set_setting (store, KT_SETTING_CURRENCY, DEMO_CURRENCY, error) ||
      !_kt_store_query_int64 (store, "SELECT EXISTS (SELECT 1 FROM cards)", &has_cards, error))
    return FALSE;

  if (has_cards)
    return TRUE;
  return kt_store_set_setting (store, KT_SETTING_CARD_PREFIX, DEMO_CARD_PREFIX, error);
}

static gboolean
first_free_ids (Load    *load,
                GError **error)
{
  return _kt_store_query_int64 (load->store, "SELECT coalesce (MAX (id), 0) + 1 FROM cards",
                                &load->next_card_id, error) &&
         _kt_store_query_int64 (load->store, "SELECT coalesce (MAX (id), 0) + 1 FROM purchases",
                                &load->next_purchase_id, error) &&
         _kt_store_query_int64 (load->store, "SELECT coalesce (MAX (id), 0) + 1 FROM points_ledger",
                                &load->next_ledger_id, error);
}

/* ---- dropping and restoring the schema ------------------------------------ */

/* Saves the CREATE statements of the indexes and triggers of the loaded
 * tables, in the order they were created, and drops them. */
static GPtrArray *
drop_indexes_and_triggers (KtStore  *store,
                           GError  **error)
{
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _kt_store_prepare (store,
                            "SELECT type, name, sql FROM sqlite_master "
                            "WHERE type IN ('index', 'trigger') AND sql IS NOT NULL "
                            "  AND tbl_name IN ('members', 'cards', 'purchases', 'points_ledger') "
                            "ORDER BY rowid",
                            error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      g_ptr_array_add (saved, _kt_store_column_text (stmt, 2));
      /* DROP takes no bound name. The names come from our own schema and
       * are plain identifiers, which the assertion keeps true. */
      g_assert (strspn (name, "abcdefghijklmnopqrstuvwxyz_") == strlen (name));
      g_ptr_array_add (drops, g_strconcat (g_str_equal (type, "index") ? "DROP INDEX "
                                                                        : "DROP TRIGGER ",
                                           name, NULL));
    }
  if (!_kt_store_finish_rows (store, stmt, rc, error))
    return NULL;

  for (guint i = 0; i < drops->len; i++)
    {
      if (!_kt_store_exec (store, g_ptr_array_index (drops, i), error))
        return NULL;
    }

  return g_steal_pointer (&saved);
}

static gboolean
restore_indexes_and_triggers (Load       *load,
                              GPtrArray  *saved,
                              GError    **error)
{
  for (guint i = 0; i < saved->len; i++)
    {
      report (load, PROGRESS_ROWS + (PROGRESS_INDEXES - PROGRESS_ROWS) * i / saved->len,
              _("Building the indexes"));
      if (!_kt_store_exec (load->store, g_ptr_array_index (saved, i), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
rebuild_search (Load    *load,
                GError **error)
{
  report (load, PROGRESS_INDEXES, _("Building the search index"));
  /* The index is contentless: it is filled from the members' own words. */
  return _kt_store_exec (load->store,
                         "INSERT INTO member_search (rowid, search_text) "
                         "SELECT search_key, search_text FROM members WHERE search_text <> ''",
                         error);
}

/* ---- inserting rows -------------------------------------------------------- */

/* One generated member, with the derived keys the worker computed. */
typedef struct
{
  KtDemoMember  member;          /* `purchases` is set just before inserting */
  guint         first_purchase;  /* where its purchases start in the batch's */
  char         *name_key;
  char         *phone_key;
  char         *email_key;
  char         *search_text;
} Row;

typedef struct
{
  KtMoney     total_spent;
  KtMoney     year_spent;    /* in the year of the last purchase */
  gint        spent_year;
  gint64      items;
  gint64      points;
  const char *last_visit;
} Counters;

/* The number of the member's active card, "" when none (blocked). */
static const char *
active_card (const KtDemoMember *member)
{
  for (guint i = 0; i < member->n_cards; i++)
    {
      if (member->cards[i].state == KT_DEMO_CARD_ACTIVE)
        return member->cards[i].number;
    }
  return "";
}

/* The member's counters as the till would have kept them. */
static void
count_member (const KtDemoMember *member,
              Counters           *out)
{
  memset (out, 0, sizeof *out);
  out->last_visit = "";
  if (member->n_purchases > 0)
    {
      out->last_visit = member->purchases[member->n_purchases - 1].at;
      out->spent_year = (gint) g_ascii_strtoll (out->last_visit, NULL, 10);
    }

  for (guint i = 0; i < member->n_purchases; i++)
    {
      const KtDemoPurchase *purchase = &member->purchases[i];

      /* No scheme ran in the demo's history: nothing was discounted. */
      out->total_spent += purchase->amount;
      if (g_ascii_strtoll (purchase->at, NULL, 10) == out->spent_year)
        out->year_spent += purchase->amount;
      out->items += purchase->items;
      out->points += purchase->points_earned;
    }
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text[0] != '\0')
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
insert_member (Load       *load,
               const Row  *row,
               GError    **error)
{
  const KtDemoMember *member = &row->member;
  sqlite3_stmt *stmt;
  Counters counters;

  count_member (member, &counters);

  stmt = _kt_store_prepare (load->store,
                            "INSERT INTO members (id, name, phone, email, birth_date, notes, "
                            "  consent, consent_date, referrer_id, status, joined, card, "
                            "  total_spent, purchase_count, last_visit, points, "
                            "  name_key, phone_key, email_key, search_text, search_key, "
                            "  year_spent, spent_year, items_count) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                            "  ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, member->id);
  sqlite3_bind_text (stmt, 2, member->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, member->phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, member->email, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 5, member->birth_date);
  sqlite3_bind_text (stmt, 6, member->notes, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, member->consent ? 1 : 0);
  bind_text_or_null (stmt, 8, member->consent_date);
  if (member->referrer_id != 0)
    sqlite3_bind_int64 (stmt, 9, member->referrer_id);
  sqlite3_bind_int (stmt, 10, member->status);
  sqlite3_bind_text (stmt, 11, member->joined, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 12, active_card (member), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 13, counters.total_spent);
  sqlite3_bind_int64 (stmt, 14, member->n_purchases);
  sqlite3_bind_text (stmt, 15, counters.last_visit, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 16, counters.points);
  sqlite3_bind_text (stmt, 17, row->name_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 18, row->phone_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 19, row->email_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 20, row->search_text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 21, _kt_store_search_key (row->name_key, member->id));
  sqlite3_bind_int64 (stmt, 22, counters.year_spent);
  sqlite3_bind_int (stmt, 23, counters.spent_year);
  sqlite3_bind_int64 (stmt, 24, counters.items);

  return _kt_store_step_done (load->store, stmt, error);
}

static KtCardState
card_state (KtDemoCardState state)
{
  switch (state)
    {
    case KT_DEMO_CARD_ACTIVE:
      return KT_CARD_ACTIVE;
    case KT_DEMO_CARD_BLOCKED:
      return KT_CARD_BLOCKED;
    case KT_DEMO_CARD_LOST:
      return KT_CARD_LOST;
    default:
      g_assert_not_reached ();
    }
}

/* Inserts the member's cards with consecutive ids from `first_id`. */
static gboolean
insert_cards (Load                *load,
              const KtDemoMember  *member,
              gint64               first_id,
              GError             **error)
{
  for (guint i = 0; i < member->n_cards; i++)
    {
      const KtDemoCard *card = &member->cards[i];
      sqlite3_stmt *stmt;

      stmt = _kt_store_prepare (load->store,
                                "INSERT INTO cards (id, number, symbology, state, member_id, "
                                "  issued, changed) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, first_id + i);
      sqlite3_bind_text (stmt, 2, card->number, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, KT_SYMBOLOGY_EAN13);
      sqlite3_bind_int (stmt, 4, card_state (card->state));
      sqlite3_bind_int64 (stmt, 5, member->id);
      sqlite3_bind_text (stmt, 6, card->issued, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, card->changed, -1, SQLITE_STATIC);

      if (!_kt_store_step_done (load->store, stmt, error))
        return FALSE;
    }

  /* A lost card points to its replacement, which is inserted after it: the
   * link is set once both exist, so that every row refers only to rows
   * already there. (Deferring the foreign key instead would make SQLite
   * search the unindexed child tables on every insert while it is open.) */
  for (guint i = 0; i < member->n_cards; i++)
    {
      const KtDemoCard *card = &member->cards[i];
      sqlite3_stmt *stmt;

      if (card->replaced_by < 0)
        continue;

      stmt = _kt_store_prepare (load->store,
                                "UPDATE cards SET replaced_by = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, first_id + i);
      sqlite3_bind_int64 (stmt, 2, first_id + card->replaced_by);
      if (!_kt_store_step_done (load->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_purchase (Load                  *load,
                 const KtDemoMember    *member,
                 const KtDemoPurchase  *purchase,
                 gint64                 card_id,
                 GError               **error)
{
  const KtMoney discount = 0;
  const gint64 points_redeemed = 0;
  gint64 purchase_id = load->next_purchase_id++;
  sqlite3_stmt *stmt;

  stmt = _kt_store_prepare (load->store,
                            "INSERT INTO purchases (id, member_id, card_id, at, amount, items, "
                            "  category, discount, points_earned, points_redeemed, paid) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, purchase_id);
  sqlite3_bind_int64 (stmt, 2, member->id);
  sqlite3_bind_int64 (stmt, 3, card_id);
  sqlite3_bind_text (stmt, 4, purchase->at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, purchase->amount);
  sqlite3_bind_int64 (stmt, 6, purchase->items);
  sqlite3_bind_text (stmt, 7, purchase->category, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, discount);
  sqlite3_bind_int64 (stmt, 9, purchase->points_earned);
  sqlite3_bind_int64 (stmt, 10, points_redeemed);
  sqlite3_bind_int64 (stmt, 11, purchase->amount - discount - points_redeemed);
  if (!_kt_store_step_done (load->store, stmt, error))
    return FALSE;

  if (purchase->points_earned <= 0)
    return TRUE;

  stmt = _kt_store_prepare (load->store,
                            "INSERT INTO points_ledger (id, member_id, purchase_id, at, kind, points, "
                            "  remaining, usable_on) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, "
                            "  date (substr (?4, 1, 10), '+" G_STRINGIFY (KT_DEMO_ACTIVATION_DAYS) " days'))",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, load->next_ledger_id++);
  sqlite3_bind_int64 (stmt, 2, member->id);
  sqlite3_bind_int64 (stmt, 3, purchase_id);
  sqlite3_bind_text (stmt, 4, purchase->at, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, KT_POINTS_EARNED);
  sqlite3_bind_int64 (stmt, 6, purchase->points_earned);
  return _kt_store_step_done (load->store, stmt, error);
}

static gboolean
insert_row (Load       *load,
            const Row  *row,
            GError    **error)
{
  const KtDemoMember *member = &row->member;
  gint64 first_card_id = load->next_card_id;

  load->next_card_id += member->n_cards;
  if (!insert_member (load, row, error) ||
      !insert_cards (load, member, first_card_id, error))
    return FALSE;

  for (guint i = 0; i < member->n_purchases; i++)
    {
      const KtDemoPurchase *purchase = &member->purchases[i];

      if (!insert_purchase (load, member, purchase, first_card_id + purchase->card, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- the pipeline ------------------------------------------------------------ */

/* Generating a member and folding its name and contacts into keys costs
 * about as much as inserting its rows, so a worker thread does the first
 * while this thread does the second. Batches of members go round between
 * the two through a pair of queues; only the worker touches the generator,
 * only this thread the register. */

#define BATCH_ROWS 1024
#define N_BATCHES 4

typedef struct
{
  Row       rows[BATCH_ROWS];
  guint     n_rows;
  GArray   *purchases;   /* KtDemoPurchase, every row's in turn */
  gboolean  last;        /* the worker is done after this one */
} Batch;

typedef struct
{
  KtDemoGen    *gen;
  GAsyncQueue  *empty;   /* Batch, ready to be filled */
  GAsyncQueue  *full;    /* Batch, ready to be inserted */
  int           stop;    /* set when inserting failed */
} Pipeline;

static void
batch_clear (Batch *batch)
{
  for (guint i = 0; i < batch->n_rows; i++)
    {
      Row *row = &batch->rows[i];

      g_clear_pointer (&row->name_key, g_free);
      g_clear_pointer (&row->phone_key, g_free);
      g_clear_pointer (&row->email_key, g_free);
      g_clear_pointer (&row->search_text, g_free);
    }
  batch->n_rows = 0;
  g_array_set_size (batch->purchases, 0);
  batch->last = FALSE;
}

static void
batch_free (Batch *batch)
{
  batch_clear (batch);
  g_array_unref (batch->purchases);
  g_free (batch);
}

static void
fill_row (Batch *batch,
          Row   *row)
{
  KtDemoMember *member = &row->member;

  /* The generator reuses its purchase buffer: keep a copy. */
  row->first_purchase = batch->purchases->len;
  g_array_append_vals (batch->purchases, member->purchases, member->n_purchases);
  member->purchases = NULL;

  row->name_key = _kt_store_name_key (member->name);
  row->phone_key = _kt_store_phone_key (member->phone);
  row->email_key = _kt_store_email_key (member->email);
  row->search_text = _kt_store_search_text (member->name, member->phone, member->email,
                                            active_card (member));
}

static gpointer
produce (gpointer data)
{
  Pipeline *pipeline = data;
  gboolean more = TRUE;

  while (more)
    {
      Batch *batch = g_async_queue_pop (pipeline->empty);

      batch_clear (batch);
      while (batch->n_rows < BATCH_ROWS)
        {
          Row *row = &batch->rows[batch->n_rows];

          if (g_atomic_int_get (&pipeline->stop) ||
              !kt_demo_gen_next_member (pipeline->gen, &row->member))
            {
              more = FALSE;
              break;
            }
          fill_row (batch, row);
          batch->n_rows++;
        }
      batch->last = !more;
      g_async_queue_push (pipeline->full, batch);
    }
  return NULL;
}

static gboolean
insert_batch (Load    *load,
              Batch   *batch,
              GError **error)
{
  for (guint i = 0; i < batch->n_rows; i++)
    {
      Row *row = &batch->rows[i];

      row->member.purchases = &g_array_index (batch->purchases, KtDemoPurchase,
                                              row->first_purchase);
      if (!insert_row (load, row, error))
        return FALSE;
    }
  return TRUE;
}

/* One of ROW_REPORTS steps of the bar, when the batch completed one. */
static void
report_rows (Load         *load,
             const Batch  *batch,
             guint         n_members,
             guint        *reported)
{
  guint done;
  guint step;

  if (batch->n_rows == 0)
    return;

  done = (guint) batch->rows[batch->n_rows - 1].member.id;
  step = (guint) ((guint64) done * ROW_REPORTS / n_members);
  if (step > *reported)
    {
      *reported = step;
      report (load, PROGRESS_ROWS * step / ROW_REPORTS, _("Creating members and purchases"));
    }
}

static gboolean
insert_all (Load       *load,
            KtDemoGen  *gen,
            GError    **error)
{
  Pipeline pipeline = { gen, g_async_queue_new (), g_async_queue_new (), FALSE };
  guint n_members = kt_demo_gen_get_n_members (gen);
  guint reported = 0;
  gboolean ok = TRUE;
  gboolean last = FALSE;
  GThread *worker;

  for (guint i = 0; i < N_BATCHES; i++)
    {
      Batch *batch = g_new0 (Batch, 1);

      batch->purchases = g_array_new (FALSE, FALSE, sizeof (KtDemoPurchase));
      g_async_queue_push (pipeline.empty, batch);
    }
  worker = g_thread_new ("kt-demo", produce, &pipeline);

  /* After a failure, keep taking batches until the worker's last one, so
   * that it never waits for an empty batch that will not come. */
  while (!last)
    {
      Batch *batch = g_async_queue_pop (pipeline.full);

      last = batch->last;
      if (ok && !insert_batch (load, batch, error))
        {
          ok = FALSE;
          g_atomic_int_set (&pipeline.stop, TRUE);
        }
      if (ok)
        report_rows (load, batch, n_members, &reported);
      g_async_queue_push (pipeline.empty, batch);
    }
  g_thread_join (worker);

  for (guint i = 0; i < N_BATCHES; i++)
    batch_free (g_async_queue_pop (pipeline.empty));
  g_async_queue_unref (pipeline.empty);
  g_async_queue_unref (pipeline.full);
  return ok;
}

/* ---- the whole load ------------------------------------------------------------ */

static gboolean
install_programme (KtStore  *store,
                   GError  **error)
{
  g_autoptr(KtProgramme) programme = kt_scheme_file_parse (kt_demo_gen_programme (), -1, error);

  gboolean done = programme != NULL
                  && _kt_store_import_programme (store, programme, error);

  _kt_store_programme_forget (store);
  return done && _kt_store_spend_days_prepare (store, error);
}

static gboolean
load_demo (Load                 *load,
           const KtDemoOptions  *options,
           GError              **error)
{
  KtStore *store = load->store;
  g_autoptr(KtDemoGen) gen = NULL;
  g_autoptr(GPtrArray) schema = NULL;
  guint64 highest = 0;
  guint prefix;
  g_autofree char *last_day = NULL;

  report (load, 0.0, _("Creating members and purchases"));
  if (!check_register_empty (store, error) ||
      !set_demo_settings (store, error))
    return FALSE;

  /* Blank cards printed before the demo keep their numbers: the demo's
   * cards follow the highest one. */
  prefix = kt_store_get_card_prefix (store);
  if (!_kt_store_card_highest_sequence (store, prefix, &highest, error) ||
      !first_free_ids (load, error))
    return FALSE;

  /* Without a given day the history ends yesterday: purchases are spread
   * over opening hours, and today's later hours have not happened yet. */
  if (options->today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);

      last_day = g_date_time_format (yesterday, "%Y-%m-%d");
    }

  gen = kt_demo_gen_new (options->members, options->purchases, options->seed,
                         options->today != NULL ? options->today : last_day,
                         prefix, highest + 1, error);
  if (gen == NULL)
    return FALSE;

  schema = drop_indexes_and_triggers (store, error);
  return schema != NULL &&
         insert_all (load, gen, error) &&
         restore_indexes_and_triggers (load, schema, error) &&
         rebuild_search (load, error) &&
         _kt_store_recount_members (store, error) &&
         install_programme (store, error);
}

static int
pragma_value (KtStore    *store,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = 0;

  /* Not cached: read once per load. */
  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Loads without syncing to disk, with a bigger page cache and with helper
 * threads for sorting while the indexes are built. If the power goes during
 * the load, the load is lost as a whole, which is all a demo can lose.
 * Foreign keys are not checked row by row: the generator's rows refer only
 * to rows inserted before them, and kt_store_check () verifies it. Returns
 * the statement that restores the connection. */
static char *
enter_bulk_mode (KtStore *store)
{
  int synchronous = pragma_value (store, "PRAGMA synchronous");
  int cache_size = pragma_value (store, "PRAGMA cache_size");
  int foreign_keys = pragma_value (store, "PRAGMA foreign_keys");
  int threads = pragma_value (store, "PRAGMA threads");

  /* Speed settings all: failing to change them only makes the load
   * slower, never wrong. */
  sqlite3_exec (store->db,
                "PRAGMA synchronous = OFF; "
                "PRAGMA cache_size = -" G_STRINGIFY (LOAD_CACHE_KIB) "; "
                "PRAGMA foreign_keys = OFF; "
                "PRAGMA threads = " G_STRINGIFY (LOAD_SORT_THREADS),
                NULL, NULL, NULL);
  return g_strdup_printf ("PRAGMA synchronous = %d; PRAGMA cache_size = %d; "
                          "PRAGMA foreign_keys = %d; PRAGMA threads = %d",
                          synchronous, cache_size, foreign_keys, threads);
}

/* The till's guarantee comes back whatever happened: every later commit
 * syncs again, and the checkpoint, run with syncs, makes what the load
 * wrote without them durable too. */
static void
leave_bulk_mode (KtStore    *store,
                 const char *restore)
{
  if (sqlite3_exec (store->db, restore, NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Cannot restore the connection after the demo load: %s",
               sqlite3_errmsg (store->db));
  sqlite3_exec (store->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
}

gboolean
kt_store_fill_demo (KtStore              *store,
                    const KtDemoOptions  *options,
                    KtProgressFunc        progress,
                    gpointer              user_data,
                    GError              **error)
{
  Load load = { store, progress, user_data, 0, 0, 0 };
  g_autofree char *restore = NULL;
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  restore = enter_bulk_mode (store);
  ok = _kt_store_begin (store, error);
  if (ok)
    {
      ok = load_demo (&load, options, error);
      if (ok)
        {
          report (&load, PROGRESS_SEARCH, _("Saving the register"));
          ok = _kt_store_commit (store, error);
        }
      else
        _kt_store_rollback (store);
    }
  leave_bulk_mode (store, restore);
  _kt_store_programme_forget (store);

  if (ok)
    report (&load, 1.0, _("The demo shop is ready"));
  return ok;
}
