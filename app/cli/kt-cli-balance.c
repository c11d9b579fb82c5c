/* kt-cli-balance.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kartoteka-cli points adjust and gift load: manual changes of a member's
 * points and gift card balances, each a ledger row with its reason.
 */

#define G_LOG_DOMAIN "kt-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cli/kt-cli.h"

/* More points than a shop ever gives by hand: a typing mistake. */
#define ADJUST_POINTS_MAX G_GINT64_CONSTANT (1000000000)

/* What both commands take: --card, their value option and --reason;
 * then the card and, once the change is made, the member's standing. */
typedef struct
{
  char             *card_arg;
  char             *value_arg;
  char             *reason_arg;
  char             *reason;       /* trimmed UTF-8, NULL when none */
  KtCard           *card;
  KtMemberStanding *standing;
} BalanceChange;

static void
balance_change_clear (BalanceChange *change)
{
  g_free (change->card_arg);
  g_free (change->value_arg);
  g_free (change->reason_arg);
  g_free (change->reason);
  g_clear_pointer (&change->card, kt_card_free);
  g_clear_pointer (&change->standing, kt_member_standing_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BalanceChange, balance_change_clear)

typedef struct
{
  const char *command;
  const char *summary;
  const char *value_option;
  const char *value_help;
  const char *value_placeholder;
  const char *reason_help;
  const char *missing;            /* the usage error without --card or the value */
} BalanceCommand;

static gboolean
balance_parse (KtCli                *cli,
               const BalanceCommand *command,
               BalanceChange        *change,
               int                   argc,
               char                **argv,
               GError              **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *reason = NULL;
  const GOptionEntry entries[] = {
    { "card", 0, 0, G_OPTION_ARG_FILENAME, &change->card_arg,
      N_("The member’s card"), N_("NUMBER") },
    { command->value_option, 0, 0, G_OPTION_ARG_FILENAME, &change->value_arg,
      command->value_help, command->value_placeholder },
    { "reason", 0, 0, G_OPTION_ARG_FILENAME, &change->reason_arg,
      command->reason_help, N_("TEXT") },
    { NULL }
  };

  context = kt_cli_option_context_new (cli, command->command, NULL, _(command->summary),
                                       entries);
  if (!kt_cli_parse_options (context, &argc, &argv, 0, error))
    return FALSE;
  if (change->card_arg == NULL || change->value_arg == NULL)
    {
      kt_cli_set_usage_error (error, "%s", _(command->missing));
      return FALSE;
    }
  if (change->reason_arg == NULL)
    return TRUE;

  reason = kt_cli_text_arg (change->reason_arg, error);
  if (reason == NULL)
    return FALSE;
  g_strstrip (reason);
  if (*reason != '\0')
    change->reason = g_steal_pointer (&reason);
  return TRUE;
}

/* The member whose balance changes, found by an active card. */
static gboolean
balance_find_card (KtCli          *cli,
                   BalanceChange  *change,
                   GError        **error)
{
  KtStore *store = kt_cli_get_store (cli, FALSE, error);

  if (store == NULL)
    return FALSE;
  change->card = kt_cli_active_card (store, change->card_arg, error);
  return change->card != NULL;
}

static gboolean
balance_read_standing (KtCli          *cli,
                       BalanceChange  *change,
                       GError        **error)
{
  change->standing = kt_store_member_standing (cli->store, change->card->member_id, NULL,
                                               error);
  return change->standing != NULL;
}

/* ---- points adjust ------------------------------------------------------------ */

static const BalanceCommand points_adjust_command = {
  "points adjust",
  N_("Adds points to a member’s balance or takes them off by hand, with the reason. Points "
     "added are usable at once; points taken come off the oldest first and never below "
     "zero."),
  "points",
  N_("Points to add, or to take off with a minus sign (-20)"),
  N_("POINTS"),
  N_("Why, kept with the change (required)"),
  N_("say whose points change and by how many with --card and --points"),
};

static void
print_points (KtCli               *cli,
              const BalanceChange *change,
              gint64               points)
{
  const KtCard *card = change->card;
  const KtMemberStanding *standing = change->standing;
  g_autoptr(KtCliTable) table = NULL;
  g_autofree char *balance = NULL;
  g_autofree char *usable = NULL;
  g_autofree char *pending = NULL;

  if (cli->json)
    {
      g_autoptr(KtJson) json = kt_json_new ();

      kt_json_begin_object (json);
      kt_json_add_int (json, "member_id", card->member_id);
      kt_json_add_int (json, "points", points);
      kt_json_add_string (json, "reason", change->reason);
      kt_json_add_int (json, "points_balance", standing->points_balance);
      kt_json_add_int (json, "points_usable", standing->points_usable);
      kt_json_add_int (json, "points_pending", standing->points_pending);
      kt_json_end_object (json);
      kt_json_flush (json);
      return;
    }

  if (points > 0)
    /* TRANSLATORS: "Added 50 points for Anna Kovalenko (member 12): Goodwill" */
    g_print (ngettext ("Added %lld point for %s (member %lld): %s\n",
                       "Added %lld points for %s (member %lld): %s\n", (gulong) points),
             (long long) points, kt_cli_or_dash (card->member_name),
             (long long) card->member_id, change->reason);
  else
    /* TRANSLATORS: "Took 20 points from Anna Kovalenko (member 12): Mistake at the till" */
    g_print (ngettext ("Took %lld point from %s (member %lld): %s\n",
                       "Took %lld points from %s (member %lld): %s\n", (gulong) -points),
             (long long) -points, kt_cli_or_dash (card->member_name),
             (long long) card->member_id, change->reason);

  table = kt_cli_table_new (2);
  balance = g_strdup_printf ("%lld", (long long) standing->points_balance);
  usable = g_strdup_printf ("%lld", (long long) standing->points_usable);
  pending = g_strdup_printf ("%lld", (long long) standing->points_pending);
  kt_cli_table_align_right (table, 1);
  kt_cli_table_add_row (table, _("Points:"), balance, NULL);
  kt_cli_table_add_row (table, _("Usable now:"), usable, NULL);
  kt_cli_table_add_row (table, _("Not yet usable:"), pending, NULL);
  kt_cli_table_print (table, "  ");
}

static gboolean
points_adjust (KtCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_auto(BalanceChange) change = { NULL };
  gint64 points = 0;

  if (!balance_parse (cli, &points_adjust_command, &change, argc, argv, error))
    return FALSE;
  if (!g_ascii_string_to_signed (change.value_arg, 10, -ADJUST_POINTS_MAX, ADJUST_POINTS_MAX,
                                 &points, NULL) || points == 0)
    {
      kt_cli_set_usage_error (error, _("--points: “%s” is not a whole number of points other "
                                       "than zero, for example 50 or -20"),
                              change.value_arg);
      return FALSE;
    }
  if (change.reason == NULL)
    {
      kt_cli_set_usage_error (error, _("a change of points needs a --reason"));
      return FALSE;
    }

  if (!balance_find_card (cli, &change, error) ||
      !kt_store_points_adjust (cli->store, change.card->member_id, points, change.reason,
                               error) ||
      !balance_read_standing (cli, &change, error))
    return FALSE;

  print_points (cli, &change, points);
  return TRUE;
}

static const KtCliCommand points_actions[] = {
  { "adjust", points_adjust, N_("Add or take points by hand, with a reason") },
};

gboolean
kt_cli_points (KtCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  return kt_cli_dispatch (cli, "points", points_actions, G_N_ELEMENTS (points_actions),
                          argc, argv, error);
}

/* ---- gift load ------------------------------------------------------------------ */

static const BalanceCommand gift_load_command = {
  "gift load",
  N_("Loads money on a member’s prepaid or gift card; purchases are then paid from it "
     "until it is spent."),
  "amount",
  N_("The money paid in"),
  N_("AMOUNT"),
  N_("A note kept with the payment (default: “Loaded at the till”)"),
  N_("say whose gift card and how much with --card and --amount"),
};

static void
print_gift (KtCli               *cli,
            const BalanceChange *change,
            KtMoney              amount)
{
  g_autofree char *loaded = NULL;
  g_autofree char *balance = NULL;

  if (cli->json)
    {
      g_autoptr(KtJson) json = kt_json_new ();

      kt_json_begin_object (json);
      kt_json_add_int (json, "member_id", change->card->member_id);
      kt_json_add_money (json, "amount", amount);
      kt_json_add_string (json, "reason", change->reason);
      kt_json_add_money (json, "gift_balance", change->standing->gift_balance);
      kt_json_end_object (json);
      kt_json_flush (json);
      return;
    }

  loaded = kt_cli_format_money (cli, amount);
  balance = kt_cli_format_money (cli, change->standing->gift_balance);
  /* TRANSLATORS: "Loaded 100.00 UAH on the gift card of Anna Kovalenko (member 12)" */
  g_print (_("Loaded %s on the gift card of %s (member %lld)\n"), loaded,
           kt_cli_or_dash (change->card->member_name), (long long) change->card->member_id);
  /* TRANSLATORS: "Gift card balance: 150.00 UAH" */
  g_print (_("Gift card balance: %s\n"), balance);
}

static gboolean
gift_load (KtCli   *cli,
           int      argc,
           char   **argv,
           GError **error)
{
  g_auto(BalanceChange) change = { NULL };
  KtMoney amount = 0;

  if (!balance_parse (cli, &gift_load_command, &change, argc, argv, error) ||
      !kt_cli_parse_money (change.value_arg, "--amount", &amount, error))
    return FALSE;
  if (change.reason == NULL)
    change.reason = g_strdup (_("Loaded at the till"));

  if (!balance_find_card (cli, &change, error) ||
      !kt_store_gift_load (cli->store, change.card->member_id, amount, change.reason, error) ||
      !balance_read_standing (cli, &change, error))
    return FALSE;

  print_gift (cli, &change, amount);
  return TRUE;
}

static const KtCliCommand gift_actions[] = {
  { "load", gift_load, N_("Load money on a member’s gift card") },
};

gboolean
kt_cli_gift (KtCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  return kt_cli_dispatch (cli, "gift", gift_actions, G_N_ELEMENTS (gift_actions),
                          argc, argv, error);
}
