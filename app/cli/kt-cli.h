/* kt-cli.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the files of kartoteka-cli only: the invocation, argument
 * helpers, the commands, and the text and JSON output.
 */

#pragma once

#include <glib.h>
#include <stdio.h>

#include "store/kt-store.h"
#include "store/kt-store-till.h"

G_BEGIN_DECLS

/* Exit statuses a script can rely on. A usage error is a G_OPTION_ERROR
 * (2); anything the register refuses or finds wrong is 1. */
#define KT_CLI_EXIT_OK      0
#define KT_CLI_EXIT_REFUSED 1
#define KT_CLI_EXIT_USAGE   2

typedef struct
{
  char     *database;   /* the register's path */
  gboolean  json;       /* machine-readable output */
  KtStore  *store;      /* opened on first use, so that --help never creates a file */
  char     *currency;   /* the shop's, read with the store */
} KtCli;

/* A command: argv[0] is its name, the rest its own arguments. Returns
 * FALSE with `error` set when it failed. */
typedef gboolean (*KtCliCommandFunc) (KtCli     *cli,
                                      int        argc,
                                      char     **argv,
                                      GError   **error);

typedef struct
{
  const char       *name;
  KtCliCommandFunc  run;
  const char       *summary;   /* N_() marked */
} KtCliCommand;

/* ---- kt-cli.c: the invocation and argument helpers ---------------------- */

/* The register, opened on first use. Only `init` and `demo` create a
 * missing file: a mistyped --database must not start an empty register. */
KtStore        *kt_cli_get_store          (KtCli               *cli,
                                           gboolean             create,
                                           GError             **error);
void            kt_cli_set_usage_error    (GError             **error,
                                           const char          *format,
                                           ...) G_GNUC_PRINTF (2, 3);
/* A command's options; the global ones (--database, --json) are accepted
 * after the command too. */
GOptionContext *kt_cli_option_context_new (KtCli               *cli,
                                           const char          *command,
                                           const char          *parameters,
                                           const char          *summary,
                                           const GOptionEntry  *entries);
/* Parses a command's options and checks that exactly `n_positional`
 * arguments are left (argv[1] .. argv[n]); -1 leaves that to the caller. */
gboolean        kt_cli_parse_options      (GOptionContext      *context,
                                           int                 *argc,
                                           char              ***argv,
                                           int                  n_positional,
                                           GError             **error);
char           *kt_cli_text_arg           (const char          *arg,
                                           GError             **error);
gboolean        kt_cli_parse_id           (const char          *text,
                                           gint64              *out_id,
                                           GError             **error);
gboolean        kt_cli_parse_count        (const char          *text,
                                           const char          *what,
                                           guint64              min,
                                           guint64              max,
                                           guint64             *out_value,
                                           GError             **error);
/* An amount of money above zero typed by the user; the message names the
 * option (`what`). */
gboolean        kt_cli_parse_money        (const char          *text,
                                           const char          *what,
                                           KtMoney             *out_amount,
                                           GError             **error);
/* A moment as the register keeps it ("YYYY-MM-DD HH:MM:SS", local time)
 * from "YYYY-MM-DD HH:MM[:SS]"; NULL gives now. */
char           *kt_cli_parse_at           (const char          *text,
                                           GError             **error);
/* Runs the action named by argv[1] among `actions`, or prints the list of
 * actions for --help. */
gboolean        kt_cli_dispatch           (KtCli               *cli,
                                           const char          *group,
                                           const KtCliCommand  *actions,
                                           guint                n_actions,
                                           int                  argc,
                                           char               **argv,
                                           GError             **error);

/* ---- the command groups ------------------------------------------------- */

gboolean        kt_cli_member             (KtCli               *cli,
                                           int                  argc,
                                           char               **argv,
                                           GError             **error);
gboolean        kt_cli_card               (KtCli               *cli,
                                           int                  argc,
                                           char               **argv,
                                           GError             **error);
gboolean        kt_cli_scheme             (KtCli               *cli,
                                           int                  argc,
                                           char               **argv,
                                           GError             **error);
gboolean        kt_cli_quote              (KtCli               *cli,
                                           int                  argc,
                                           char               **argv,
                                           GError             **error);
gboolean        kt_cli_purchase           (KtCli               *cli,
                                           int                  argc,
                                           char               **argv,
                                           GError             **error);
gboolean        kt_cli_refund             (KtCli               *cli,
                                           int                  argc,
                                           char               **argv,
                                           GError             **error);
gboolean        kt_cli_points             (KtCli               *cli,
                                           int                  argc,
                                           char               **argv,
                                           GError             **error);
gboolean        kt_cli_gift               (KtCli               *cli,
                                           int                  argc,
                                           char               **argv,
                                           GError             **error);
gboolean        kt_cli_cards              (KtCli               *cli,
                                           int                  argc,
                                           char               **argv,
                                           GError             **error);

/* ---- kt-cli-member.c: the member behind a card ------------------------ */

/* The card as the till finds it: refused unless it is active (a blank,
 * blocked, lost or replaced card is refused with its state). */
KtCard         *kt_cli_active_card        (KtStore             *store,
                                           const char          *number,
                                           GError             **error);

/* ---- kt-cli-output.c: JSON ---------------------------------------------- */

/* A small streaming JSON writer (RFC 8259): commas, nesting and string
 * escapes are its business, so no command can get them wrong. */
typedef struct _KtJson KtJson;

KtJson         *kt_json_new               (void);
void            kt_json_free              (KtJson              *json);
void            kt_json_begin_object      (KtJson              *json);
void            kt_json_end_object        (KtJson              *json);
void            kt_json_begin_array       (KtJson              *json);
void            kt_json_end_array         (KtJson              *json);
void            kt_json_key               (KtJson              *json,
                                           const char          *key);
void            kt_json_string            (KtJson              *json,
                                           const char          *value);
void            kt_json_int               (KtJson              *json,
                                           gint64               value);
void            kt_json_double            (KtJson              *json,
                                           double               value);
void            kt_json_boolean           (KtJson              *json,
                                           gboolean             value);
void            kt_json_null              (KtJson              *json);
void            kt_json_money             (KtJson              *json,
                                           KtMoney              value);
/* key + value in the current object */
void            kt_json_add_string        (KtJson              *json,
                                           const char          *key,
                                           const char          *value);
void            kt_json_add_int           (KtJson              *json,
                                           const char          *key,
                                           gint64               value);
void            kt_json_add_id            (KtJson              *json,
                                           const char          *key,
                                           gint64               id);
void            kt_json_add_boolean       (KtJson              *json,
                                           const char          *key,
                                           gboolean             value);
void            kt_json_add_money         (KtJson              *json,
                                           const char          *key,
                                           KtMoney              value);
/* Writes what was built so far to stdout (and a final newline once the
 * outermost value is closed). */
void            kt_json_flush             (KtJson              *json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtJson, kt_json_free)

void            kt_cli_json_member_fields (KtJson              *json,
                                           const KtMember      *member);
void            kt_cli_json_card          (KtJson              *json,
                                           const KtCard        *card);
void            kt_cli_json_purchase      (KtJson              *json,
                                           const KtPurchase    *purchase);
void            kt_cli_json_standing      (KtJson              *json,
                                           const KtMemberStanding *standing);

/* ---- kt-cli-output.c: text ---------------------------------------------- */

/* Columns padded to their widest cell; used for lists and for "Label: value"
 * blocks alike. */
typedef struct _KtCliTable KtCliTable;

KtCliTable     *kt_cli_table_new          (guint                n_columns);
void            kt_cli_table_free         (KtCliTable          *table);
void            kt_cli_table_align_right  (KtCliTable          *table,
                                           guint                column);
void            kt_cli_table_add_row      (KtCliTable          *table,
                                           ...) G_GNUC_NULL_TERMINATED;
void            kt_cli_table_print        (KtCliTable          *table,
                                           const char          *indent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KtCliTable, kt_cli_table_free)

/* A one-line message for stderr, as a user sees it. */
void            kt_cli_print_error        (const GError        *error);
/* Money with the shop's currency, for text output. */
char           *kt_cli_format_money       (KtCli               *cli,
                                           KtMoney              amount);
/* What text output shows for an empty or unknown value. */
const char     *kt_cli_or_dash            (const char          *text);

G_END_DECLS
