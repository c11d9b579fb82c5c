/* kt-store.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "core/kt-card-number.h"
#include "core/kt-error.h"
#include "core/kt-member.h"
#include "core/kt-money.h"

G_BEGIN_DECLS

/* The register: one SQLite file. Every function that writes is one
 * transaction; on failure it returns FALSE/NULL with a user-readable
 * GError and the database is unchanged. A KtStore is used from one thread.
 */
typedef struct _KtStore KtStore;

#define KT_SETTING_SHOP_NAME    "shop_name"
#define KT_SETTING_CURRENCY     "currency"
#define KT_SETTING_CARD_PREFIX  "card_prefix"

/* ---- the file ---------------------------------------------------------- */

KtStore    *kt_store_open             (const char  *path,
                                       GError     **error);
void        kt_store_close            (KtStore     *store);
const char *kt_store_get_path         (KtStore     *store);
int         kt_store_get_schema_version (KtStore   *store);
int         kt_store_schema_version_latest (void);

char       *kt_store_get_setting      (KtStore     *store,
                                       const char  *key);
gboolean    kt_store_set_setting      (KtStore     *store,
                                       const char  *key,
                                       const char  *value,
                                       GError     **error);
/* Integer shop prefix of new card numbers (00..99). */
guint       kt_store_get_card_prefix  (KtStore     *store);

/* ---- members ----------------------------------------------------------- */

/* Validates, then inserts. On success member->id and member->joined are set.
 * A probable duplicate is not refused here: ask kt_store_member_find_duplicates()
 * first and let the user decide. */
gboolean    kt_store_member_add       (KtStore     *store,
                                       KtMember    *member,
                                       GError     **error);
KtMember   *kt_store_member_get       (KtStore     *store,
                                       gint64       member_id,
                                       GError     **error);
/* Saves the profile fields (name .. status); counters are never written from
 * outside the store. */
gboolean    kt_store_member_update    (KtStore     *store,
                                       KtMember    *member,
                                       GError     **error);
gboolean    kt_store_member_set_archived (KtStore  *store,
                                       gint64       member_id,
                                       gboolean     archived,
                                       GError     **error);
/* Blanks name, phone, e-mail, birth date and notes, withdraws consent and
 * drops the member from search; purchases and counters stay, anonymised. */
gboolean    kt_store_member_erase     (KtStore     *store,
                                       gint64       member_id,
                                       GError     **error);
/* Other members with the same phone number or e-mail (element: KtMember). */
GPtrArray  *kt_store_member_find_duplicates (KtStore        *store,
                                       const KtMember *member,
                                       GError        **error);

/* ---- listing and search ------------------------------------------------ */

typedef enum
{
  KT_MEMBER_SORT_NAME = 0,
  KT_MEMBER_SORT_CARD,
  KT_MEMBER_SORT_PHONE,
  KT_MEMBER_SORT_STATUS,
  KT_MEMBER_SORT_TOTAL_SPENT,
  KT_MEMBER_SORT_PURCHASES,
  KT_MEMBER_SORT_LAST_VISIT,
  KT_MEMBER_SORT_POINTS,
} KtMemberSort;

#define KT_MEMBER_SORT_LAST KT_MEMBER_SORT_POINTS

typedef struct
{
  const char   *text;          /* what the user typed; NULL or "" for everyone */
  KtMemberSort  sort;
  gboolean      descending;
} KtMemberQuery;

/* A page of the register's (non-archived) members in the query's order
 * (element: KtMember): the rows right after `after` when it is given (cheap
 * at any depth, for scrolling on), else from row `offset` (for jumps). */
GPtrArray  *kt_store_member_page      (KtStore             *store,
                                       const KtMemberQuery *query,
                                       const KtMember      *after,
                                       guint                offset,
                                       guint                limit,
                                       GError             **error);
/* How many members the query matches. */
gboolean    kt_store_member_count     (KtStore             *store,
                                       const KtMemberQuery *query,
                                       guint               *out_count,
                                       GError             **error);

/* ---- cards ------------------------------------------------------------- */

typedef enum
{
  KT_CARD_BLANK = 0,     /* printed, not handed out */
  KT_CARD_ACTIVE = 1,    /* belongs to a member */
  KT_CARD_BLOCKED = 2,
  KT_CARD_LOST = 3,
  KT_CARD_REPLACED = 4,
} KtCardState;

typedef struct
{
  gint64       id;
  char        *number;
  KtSymbology  symbology;
  KtCardState  state;
  gint64       member_id;     /* 0 when blank */
  char        *member_name;   /* filled on lookup; NULL when blank */
  gint64       batch_id;      /* 0 when not from a batch */
  char        *issued;        /* YYYY-MM-DD HH:MM:SS when handed out, or NULL */
  char        *changed;       /* last change of state */
  gint64       replaced_by;   /* card that took over, or 0 */
} KtCard;

void         kt_card_free             (KtCard *card);
const char  *kt_card_state_to_string  (KtCardState state);
const char  *kt_card_state_label      (KtCardState state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtCard, kt_card_free)

/* Exact lookup by number (scanner input). Refuses a malformed number or one
 * with a wrong check digit (KT_ERROR_INVALID) before looking; KT_ERROR_NOT_FOUND
 * when no card has it. Returns cards of every state: callers show the state. */
KtCard      *kt_store_card_lookup     (KtStore     *store,
                                       const char  *number,
                                       GError     **error);
/* The member's cards, newest first (element: KtCard). */
GPtrArray   *kt_store_member_cards    (KtStore     *store,
                                       gint64       member_id,
                                       GError     **error);
/* A new number from the shop's sequence, active for the member. */
KtCard      *kt_store_card_issue      (KtStore     *store,
                                       gint64       member_id,
                                       GError     **error);
/* `count` new blank cards with consecutive numbers; returns the batch id. */
gint64       kt_store_card_batch_create (KtStore   *store,
                                       guint        count,
                                       const char  *note,
                                       GError     **error);
/* Hands a blank card to a member. A valid number that is not in the register
 * yet (a card migrated from another system) is added and assigned. */
KtCard      *kt_store_card_assign     (KtStore     *store,
                                       gint64       member_id,
                                       const char  *number,
                                       GError     **error);
gboolean     kt_store_card_block      (KtStore     *store,
                                       const char  *number,
                                       GError     **error);
/* Marks the old card lost (or replaced) and gives its member a new card:
 * `new_number` (a blank or migrated card) or, when NULL, the next number of
 * the sequence. Balance and history belong to the member and carry over. */
KtCard      *kt_store_card_replace    (KtStore     *store,
                                       const char  *old_number,
                                       KtCardState  old_card_becomes,
                                       const char  *new_number,
                                       GError     **error);

/* ---- purchases (history) ----------------------------------------------- */

typedef struct
{
  gint64   id;
  gint64   member_id;
  char    *card_number;   /* card shown at the till, may be "" */
  char    *at;            /* YYYY-MM-DD HH:MM:SS */
  KtMoney  amount;        /* before discount */
  gint64   items;
  char    *category;
  KtMoney  discount;
  gint64   points_earned;
  gint64   points_redeemed;
  KtMoney  paid;          /* amount - discount - points_redeemed */
  KtMoney  gift_paid;     /* of paid, what the gift card covered */
  KtMoney  refunded;      /* of amount, what was refunded so far */
} KtPurchase;

void         kt_purchase_free         (KtPurchase *purchase);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtPurchase, kt_purchase_free)

/* Newest first (element: KtPurchase). */
GPtrArray   *kt_store_member_purchases (KtStore    *store,
                                        gint64      member_id,
                                        guint       offset,
                                        guint       limit,
                                        GError    **error);

/* ---- checking ---------------------------------------------------------- */

typedef struct
{
  gint64   member_id;
  char    *what;         /* "total_spent", "purchase_count", "last_visit", "points", "card" */
  char    *stored;
  char    *computed;
} KtCheckDifference;

void         kt_check_difference_free (KtCheckDifference *difference);

/* PRAGMA integrity_check plus a recount of every member's counters from the
 * history. `out_integrity` gets "ok" or SQLite's findings; `out_differences`
 * (element: KtCheckDifference) is empty when everything agrees. */
gboolean     kt_store_check           (KtStore     *store,
                                       char       **out_integrity,
                                       GPtrArray  **out_differences,
                                       GError     **error);

/* ---- demo register ------------------------------------------------------ */

typedef void (*KtProgressFunc) (double fraction, const char *what, gpointer user_data);

typedef struct
{
  guint        members;
  guint        purchases;
  guint64      seed;
  const char  *today;        /* YYYY-MM-DD the demo ends on; NULL: yesterday */
} KtDemoOptions;

/* Fills an empty register with a generated shop. Refuses a register that
 * already has members. Deterministic for the same options. */
gboolean     kt_store_fill_demo       (KtStore              *store,
                                       const KtDemoOptions  *options,
                                       KtProgressFunc        progress,
                                       gpointer              user_data,
                                       GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtStore, kt_store_close)

G_END_DECLS
