/* kt-demo-gen.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "core/kt-card-number.h"
#include "core/kt-member.h"
#include "core/kt-money.h"

G_BEGIN_DECLS

/* A generated shop for demonstrations and measurements: members with names
 * in four languages, their cards and three years of purchases. The same
 * options give the same shop, byte for byte, on every run of the same build.
 *
 * It streams: kt_demo_gen_next_member() fills one member with its cards and
 * purchases, reusing the generator's buffers, so a register of millions of
 * members needs no more memory than one member.
 */

/* Upper bounds that keep every counter of the generator in 64 bits. */
#define KT_DEMO_MEMBERS_MAX   10000000u
#define KT_DEMO_PURCHASES_MAX 200000000u
#define KT_DEMO_PURCHASES_PER_MEMBER_MAX 1000u

typedef enum
{
  KT_DEMO_LANGUAGE_ENGLISH = 0,
  KT_DEMO_LANGUAGE_RUSSIAN,
  KT_DEMO_LANGUAGE_UKRAINIAN,
  KT_DEMO_LANGUAGE_HUNGARIAN,
} KtDemoLanguage;

#define KT_DEMO_N_LANGUAGES 4

/* How often a member comes to the shop. */
typedef enum
{
  KT_DEMO_RHYTHM_WEEKLY = 0,
  KT_DEMO_RHYTHM_MONTHLY,
  KT_DEMO_RHYTHM_OCCASIONAL,
  KT_DEMO_RHYTHM_ONCE,
  KT_DEMO_RHYTHM_CHURNED,     /* came regularly, stopped months ago */
} KtDemoRhythm;

typedef enum
{
  KT_DEMO_CARD_ACTIVE = 0,
  KT_DEMO_CARD_BLOCKED,
  KT_DEMO_CARD_LOST,
} KtDemoCardState;

/* Timestamps: "YYYY-MM-DD HH:MM:SS" plus the terminating NUL. */
#define KT_DEMO_DATETIME_LEN 20
#define KT_DEMO_DATE_LEN 11

typedef struct
{
  char             number[KT_CARD_NUMBER_MAX_LEN];
  guint64          sequence;
  KtDemoCardState  state;
  char             issued[KT_DEMO_DATETIME_LEN];
  char             changed[KT_DEMO_DATETIME_LEN];
  int              replaced_by;   /* index in the member's cards, or -1 */
} KtDemoCard;

typedef struct
{
  char         at[KT_DEMO_DATETIME_LEN];
  KtMoney      amount;            /* before discount; no scheme ran yet */
  guint        items;
  const char  *category;          /* "Food", "Drinks", ...; "" for none */
  gint64       points_earned;     /* 2 % of what was paid, rounded down */
  guint        card;              /* index in the member's cards */
} KtDemoPurchase;

#define KT_DEMO_MAX_CARDS 2

/* One member as generated. Every string is a buffer in this struct or a
 * static string; all of it is overwritten by the next call. */
typedef struct
{
  gint64                id;              /* 1, 2, 3, ... in order of joining */
  KtDemoLanguage        language;
  KtDemoRhythm          rhythm;
  char                  name[160];
  char                  phone[32];       /* "" when not given */
  char                  email[128];      /* "" when not given */
  char                  birth_date[KT_DEMO_DATE_LEN];    /* "" when unknown */
  const char           *notes;           /* "" mostly */
  gboolean              consent;
  char                  consent_date[KT_DEMO_DATE_LEN];  /* "" without consent */
  gint64                referrer_id;     /* an earlier member, or 0 */
  KtMemberStatus        status;
  char                  joined[KT_DEMO_DATE_LEN];

  KtDemoCard            cards[KT_DEMO_MAX_CARDS];   /* oldest first */
  guint                 n_cards;

  const KtDemoPurchase *purchases;       /* in time order */
  guint                 n_purchases;
} KtDemoMember;

typedef struct _KtDemoGen KtDemoGen;

/* `today` (YYYY-MM-DD) is the last day of the shop's history; NULL means
 * today. Card numbers are kt_card_number_make (card_prefix, sequence) with
 * consecutive sequences from `first_sequence`. Fails with KT_ERROR_INVALID
 * on a bad date or sizes beyond the limits above. */
KtDemoGen   *kt_demo_gen_new            (guint          members,
                                         guint          purchases,
                                         guint64        seed,
                                         const char    *today,
                                         guint          card_prefix,
                                         guint64        first_sequence,
                                         GError       **error);
void         kt_demo_gen_free           (KtDemoGen     *gen);

/* Fills `out` with the next member; FALSE once every member was given. */
gboolean     kt_demo_gen_next_member    (KtDemoGen     *gen,
                                         KtDemoMember  *out);

guint        kt_demo_gen_get_n_members  (KtDemoGen     *gen);
/* Members given so far. */
guint        kt_demo_gen_get_position   (KtDemoGen     *gen);
/* The last day of the history, YYYY-MM-DD. */
const char  *kt_demo_gen_get_today      (KtDemoGen     *gen);

const char  *kt_demo_language_to_string (KtDemoLanguage language);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtDemoGen, kt_demo_gen_free)

/* Days before points earned in the demo's history become usable. */
#define KT_DEMO_ACTIVATION_DAYS 14

/* The demo shop's loyalty programme, as the text of a scheme file. */
const char *kt_demo_gen_programme (void);

G_END_DECLS
