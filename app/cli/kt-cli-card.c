/* kt-cli-card.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kartoteka-cli card: issue, new-batch, assign, block, replace and show.
 */

#define G_LOG_DOMAIN "kt-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "cli/kt-cli.h"

/* ---- printing ------------------------------------------------------------- */

static char *
describe_member (gint64      member_id,
                 const char *member_name)
{
  if (member_id <= 0)
    return g_strdup (_("nobody (blank card)"));
  /* TRANSLATORS: "member 12 (Anna Kovalenko)" */
  return g_strdup_printf (_("member %" PRId64 " (%s)"), member_id, kt_cli_or_dash (member_name));
}

static const char *
symbology_label (KtSymbology symbology)
{
  switch (symbology)
    {
    case KT_SYMBOLOGY_EAN13:
      return "EAN-13";
    case KT_SYMBOLOGY_CODE128:
      return "Code 128";
    case KT_SYMBOLOGY_QR:
      return "QR";
    default:
      return kt_symbology_to_string (symbology);
    }
}

static void
print_card_text (const KtCard *card)
{
  g_autoptr(KtCliTable) table = kt_cli_table_new (2);
  g_autofree char *member = describe_member (card->member_id, card->member_name);
  g_autofree char *batch = card->batch_id > 0
                           ? g_strdup_printf ("%" G_GINT64_FORMAT, card->batch_id)
                           : NULL;

  kt_cli_table_add_row (table, _("Card:"), card->number, NULL);
  kt_cli_table_add_row (table, _("Barcode:"), symbology_label (card->symbology), NULL);
  kt_cli_table_add_row (table, _("State:"), kt_card_state_label (card->state), NULL);
  kt_cli_table_add_row (table, _("Member:"), member, NULL);
  kt_cli_table_add_row (table, _("Batch:"), kt_cli_or_dash (batch), NULL);
  kt_cli_table_add_row (table, _("Handed out:"), kt_cli_or_dash (card->issued), NULL);
  kt_cli_table_add_row (table, _("Last change:"), kt_cli_or_dash (card->changed), NULL);
  kt_cli_table_print (table, NULL);
}

static void
print_card_json (const KtCard *card)
{
  g_autoptr(KtJson) json = kt_json_new ();

  kt_cli_json_card (json, card);
  kt_json_flush (json);
}

/* What issue and assign print: the card the member now has. The store's
 * returned card may not carry the member's name, so it is read back. */
static gboolean
print_handed_out (KtCli    *cli,
                  KtStore  *store,
                  KtCard   *card,
                  GError  **error)
{
  g_autoptr(KtCard) read_back = kt_store_card_lookup (store, card->number, error);
  g_autofree char *member = NULL;

  if (read_back == NULL)
    return FALSE;
  if (cli->json)
    {
      print_card_json (read_back);
      return TRUE;
    }
  member = describe_member (read_back->member_id, read_back->member_name);
  /* TRANSLATORS: "Card 2001000000018 is now member 12 (Anna Kovalenko)’s card" */
  g_print (_("Card %s now belongs to %s\n"), read_back->number, member);
  return TRUE;
}

/* ---- card issue -------------------------------------------------------------- */

static gboolean
card_issue (KtCli   *cli,
            int      argc,
            char   **argv,
            GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtCard) card = NULL;
  gint64 member_id;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "card issue", _("MEMBER_ID"),
                                       _("Gives a member a new card with the next number of "
                                         "the shop’s sequence."),
                                       NULL);
  if (!kt_cli_parse_options (context, &argc, &argv, 1, error) ||
      !kt_cli_parse_id (argv[1], &member_id, error))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL)
    return FALSE;
  card = kt_store_card_issue (store, member_id, error);
  if (card == NULL)
    return FALSE;
  return print_handed_out (cli, store, card, error);
}

/* ---- card new-batch ------------------------------------------------------------- */

static gboolean
card_new_batch (KtCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  g_autofree char *note_arg = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GOptionContext) context = NULL;
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_FILENAME, &note_arg,
      N_("A note on the batch (the printer, the order…)"), N_("TEXT") },
    { NULL }
  };
  guint64 count;
  gint64 batch_id;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "card new-batch", _("N"),
                                       _("Adds N blank cards with consecutive numbers, to be "
                                         "printed and handed out later."),
                                       entries);
  if (!kt_cli_parse_options (context, &argc, &argv, 1, error) ||
      !kt_cli_parse_count (argv[1], _("the number of cards"), 1, G_MAXUINT, &count, error) ||
      (note_arg != NULL && (note = kt_cli_text_arg (note_arg, error)) == NULL))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL)
    return FALSE;
  batch_id = kt_store_card_batch_create (store, (guint) count, note != NULL ? note : "", error);
  if (batch_id <= 0)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(KtJson) json = kt_json_new ();

      kt_json_begin_object (json);
      kt_json_add_int (json, "batch_id", batch_id);
      kt_json_add_int (json, "count", (gint64) count);
      kt_json_add_string (json, "note", note != NULL ? note : "");
      kt_json_end_object (json);
      kt_json_flush (json);
    }
  else
    g_print (ngettext ("Batch %" PRId64 ": %u blank card\n",
                       "Batch %" PRId64 ": %u blank cards\n", (gulong) count),
             batch_id, (guint) count);
  return TRUE;
}

/* ---- card assign ------------------------------------------------------------------ */

static gboolean
card_assign (KtCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtCard) card = NULL;
  gint64 member_id;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "card assign", _("MEMBER_ID NUMBER"),
                                       _("Hands a blank card to a member. A valid number that "
                                         "is not in the register yet (a card from an earlier "
                                         "system) is added and handed out."),
                                       NULL);
  if (!kt_cli_parse_options (context, &argc, &argv, 2, error) ||
      !kt_cli_parse_id (argv[1], &member_id, error))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL)
    return FALSE;
  card = kt_store_card_assign (store, member_id, argv[2], error);
  if (card == NULL)
    return FALSE;
  return print_handed_out (cli, store, card, error);
}

/* ---- card block ------------------------------------------------------------------- */

static gboolean
card_block (KtCli   *cli,
            int      argc,
            char   **argv,
            GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtCard) card = NULL;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "card block", _("NUMBER"),
                                       _("Blocks a card: the till refuses it from now on."),
                                       NULL);
  if (!kt_cli_parse_options (context, &argc, &argv, 1, error))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL || !kt_store_card_block (store, argv[1], error))
    return FALSE;
  card = kt_store_card_lookup (store, argv[1], error);
  if (card == NULL)
    return FALSE;

  if (cli->json)
    print_card_json (card);
  else
    g_print (_("Card %s is blocked\n"), card->number);
  return TRUE;
}

/* ---- card replace ------------------------------------------------------------------- */

static void
print_replaced (KtCli        *cli,
                const KtCard *old_card,
                const KtCard *new_card)
{
  g_autofree char *member = NULL;

  if (cli->json)
    {
      g_autoptr(KtJson) json = kt_json_new ();

      kt_json_begin_object (json);
      kt_json_key (json, "old");
      kt_cli_json_card (json, old_card);
      kt_json_key (json, "new");
      kt_cli_json_card (json, new_card);
      kt_json_end_object (json);
      kt_json_flush (json);
      return;
    }

  member = describe_member (new_card->member_id, new_card->member_name);
  /* TRANSLATORS: "Card 2001…, state: Lost. Member 12 (Anna Kovalenko) now has card 2001…" */
  g_print (_("Card %s, state: %s. Now %s has card %s\n"), old_card->number,
           kt_card_state_label (old_card->state), member, new_card->number);
}

static gboolean
card_replace (KtCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autofree char *new_arg = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtCard) replacement = NULL;
  g_autoptr(KtCard) old_card = NULL;
  g_autoptr(KtCard) new_card = NULL;
  gboolean damaged = FALSE;
  const GOptionEntry entries[] = {
    { "new", 0, 0, G_OPTION_ARG_FILENAME, &new_arg,
      N_("The new card: a blank one, or one from an earlier system (default: the next "
         "number of the sequence)"), N_("NUMBER") },
    { "damaged", 0, 0, G_OPTION_ARG_NONE, &damaged,
      N_("The old card is damaged or worn, not lost: it is marked replaced"), NULL },
    { NULL }
  };
  KtStore *store;

  context = kt_cli_option_context_new (cli, "card replace", _("NUMBER"),
                                       _("Marks a card lost (or, with --damaged, replaced) and "
                                         "gives its member a new card. Points and history "
                                         "belong to the member and carry over."),
                                       entries);
  if (!kt_cli_parse_options (context, &argc, &argv, 1, error))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL)
    return FALSE;
  replacement = kt_store_card_replace (store, argv[1],
                                       damaged ? KT_CARD_REPLACED : KT_CARD_LOST,
                                       new_arg, error);
  if (replacement == NULL)
    return FALSE;

  old_card = kt_store_card_lookup (store, argv[1], error);
  if (old_card == NULL)
    return FALSE;
  new_card = kt_store_card_lookup (store, replacement->number, error);
  if (new_card == NULL)
    return FALSE;
  print_replaced (cli, old_card, new_card);
  return TRUE;
}

/* ---- card show ------------------------------------------------------------------------ */

static gboolean
card_show (KtCli   *cli,
           int      argc,
           char   **argv,
           GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtCard) card = NULL;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "card show", _("NUMBER"),
                                       _("Shows a card’s state and whose it is, whatever its "
                                         "state."),
                                       NULL);
  if (!kt_cli_parse_options (context, &argc, &argv, 1, error))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL)
    return FALSE;
  card = kt_store_card_lookup (store, argv[1], error);
  if (card == NULL)
    return FALSE;

  if (cli->json)
    print_card_json (card);
  else
    print_card_text (card);
  return TRUE;
}

/* ---- dispatch ----------------------------------------------------------------------------- */

static const KtCliCommand card_actions[] = {
  { "issue", card_issue, N_("Give a member a new card") },
  { "new-batch", card_new_batch, N_("Add a batch of blank cards") },
  { "assign", card_assign, N_("Hand a blank or migrated card to a member") },
  { "block", card_block, N_("Block a card") },
  { "replace", card_replace, N_("Replace a lost or damaged card") },
  { "show", card_show, N_("Show a card’s state and member") },
};

gboolean
kt_cli_card (KtCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  return kt_cli_dispatch (cli, "card", card_actions, G_N_ELEMENTS (card_actions),
                          argc, argv, error);
}
