/* kt-cli-till.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kartoteka-cli at the till: quote (what a purchase would get, recording
 * nothing), purchase (records it exactly as quoted) and refund.
 */

#define G_LOG_DOMAIN "kt-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cli/kt-cli.h"

/* More items than any basket holds: a typing mistake, not a purchase. */
#define ITEMS_MAX 1000000

/* ---- the purchase as typed --------------------------------------------------- */

typedef struct
{
  char *card;
  char *amount;
  char *at;
  char *items;
  char *category;
  char *redeem;
  gboolean take_stamps;
} SaleArgs;

static void
sale_args_clear (SaleArgs *args)
{
  g_free (args->card);
  g_free (args->amount);
  g_free (args->at);
  g_free (args->items);
  g_free (args->category);
  g_free (args->redeem);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SaleArgs, sale_args_clear)

/* The purchase read from the arguments: the input points into the
 * strings kept here. */
typedef struct
{
  KtCard          *card;
  char            *at;
  char            *category;
  KtPurchaseInput  input;
} Sale;

static void
sale_clear (Sale *sale)
{
  g_clear_pointer (&sale->card, kt_card_free);
  g_clear_pointer (&sale->at, g_free);
  g_clear_pointer (&sale->category, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sale, sale_clear)

static GOptionContext *
sale_context_new (KtCli      *cli,
                  const char *command,
                  const char *summary,
                  SaleArgs   *args)
{
  const GOptionEntry entries[] = {
    { "card", 0, 0, G_OPTION_ARG_FILENAME, &args->card,
      N_("The member’s card, as scanned or typed"), N_("NUMBER") },
    { "amount", 0, 0, G_OPTION_ARG_FILENAME, &args->amount,
      N_("The purchase’s amount before discount"), N_("AMOUNT") },
    { "at", 0, 0, G_OPTION_ARG_FILENAME, &args->at,
      N_("When the purchase is made (default: now)"), N_("\"YYYY-MM-DD HH:MM\"") },
    { "items", 0, 0, G_OPTION_ARG_FILENAME, &args->items,
      N_("How many items the purchase has"), N_("N") },
    { "category", 0, 0, G_OPTION_ARG_FILENAME, &args->category,
      N_("The purchase’s category, for stamp cards, promotions and category maximums"),
      N_("CATEGORY") },
    { "redeem", 0, 0, G_OPTION_ARG_FILENAME, &args->redeem,
      N_("Points to pay with"), N_("POINTS") },
    { "take-stamps", 0, 0, G_OPTION_ARG_NONE, &args->take_stamps,
      N_("Take a stamp card’s smaller reward now instead of collecting on"), NULL },
    { NULL }
  };

  return kt_cli_option_context_new (cli, command, NULL, summary, entries);
}

/* Everything typed is checked before the register is opened; then the
 * card must be one the till accepts. */
static gboolean
sale_read (KtCli           *cli,
           const SaleArgs  *args,
           Sale            *sale,
           GError         **error)
{
  guint64 value;
  KtStore *store;

  if (args->card == NULL || args->amount == NULL)
    {
      kt_cli_set_usage_error (error, _("say whose purchase it is and how much with --card and "
                                       "--amount"));
      return FALSE;
    }
  if (!kt_cli_parse_money (args->amount, "--amount", &sale->input.amount, error))
    return FALSE;
  if (args->items != NULL)
    {
      if (!kt_cli_parse_count (args->items, "--items", 0, ITEMS_MAX, &value, error))
        return FALSE;
      sale->input.items = (gint64) value;
    }
  if (args->redeem != NULL)
    {
      if (!kt_cli_parse_count (args->redeem, "--redeem", 0, (guint64) KT_MONEY_MAX, &value,
                               error))
        return FALSE;
      sale->input.points_to_redeem = (gint64) value;
    }
  if (args->category != NULL)
    {
      sale->category = kt_cli_text_arg (args->category, error);
      if (sale->category == NULL)
        return FALSE;
      g_strstrip (sale->category);
      if (*sale->category == '\0')
        g_clear_pointer (&sale->category, g_free);
    }
  sale->at = kt_cli_parse_at (args->at, error);
  if (sale->at == NULL)
    return FALSE;
  sale->input.at = sale->at;
  sale->input.category = sale->category;
  sale->input.redeem_stamps = args->take_stamps;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL)
    return FALSE;
  sale->card = kt_cli_active_card (store, args->card, error);
  return sale->card != NULL;
}

/* ---- printing a quote -------------------------------------------------------- */

static const char *
scheme_name (const KtProgramme *programme,
             gint64             scheme_id)
{
  for (guint i = 0; i < programme->schemes->len; i++)
    {
      const KtScheme *scheme = programme->schemes->pdata[i];

      if (scheme->id == scheme_id)
        return scheme->name;
    }
  return NULL;
}

static void
print_quote_json (const Sale        *sale,
                  const KtQuote     *quote,
                  const KtProgramme *programme,
                  gint64             purchase_id)
{
  g_autoptr(KtJson) json = kt_json_new ();

  kt_json_begin_object (json);
  if (purchase_id > 0)
    kt_json_add_int (json, "purchase_id", purchase_id);
  kt_json_add_int (json, "member_id", sale->card->member_id);
  kt_json_add_string (json, "card", sale->card->number);
  kt_json_add_string (json, "at", sale->at);
  kt_json_add_int (json, "items", sale->input.items);
  kt_json_add_string (json, "category", sale->category);
  kt_json_add_money (json, "amount", quote->amount);
  kt_json_add_money (json, "discount", quote->discount);
  kt_json_add_boolean (json, "limited", quote->limited);
  kt_json_add_money (json, "payable", quote->payable);
  kt_json_add_money (json, "gift_payable", quote->gift_payable);
  kt_json_add_int (json, "points_earned", quote->points_earned);
  kt_json_add_int (json, "points_redeemable", quote->points_redeemable);
  kt_json_add_int (json, "points_redeemed", quote->points_redeemed);
  kt_json_add_string (json, "points_usable_on", quote->points_usable_on);
  kt_json_add_string (json, "points_expire_on", quote->points_expire_on);
  kt_json_add_string (json, "tier", quote->tier);

  kt_json_key (json, "lines");
  kt_json_begin_array (json);
  for (guint i = 0; i < quote->lines->len; i++)
    {
      const KtQuoteLine *line = quote->lines->pdata[i];

      kt_json_begin_object (json);
      kt_json_add_string (json, "scheme", scheme_name (programme, line->scheme_id));
      kt_json_add_id (json, "scheme_id", line->scheme_id);
      kt_json_add_string (json, "reason", line->reason);
      kt_json_add_money (json, "amount", line->amount);
      kt_json_end_object (json);
    }
  kt_json_end_array (json);

  kt_json_key (json, "notices");
  kt_json_begin_array (json);
  for (guint i = 0; i < quote->notices->len; i++)
    kt_json_string (json, quote->notices->pdata[i]);
  kt_json_end_array (json);
  kt_json_end_object (json);
  kt_json_flush (json);
}

/* "5, usable from 2026-03-16, expire on 2027-03-02" */
static char *
earned_text (const Sale    *sale,
             const KtQuote *quote)
{
  GString *text = g_string_new (NULL);

  g_string_printf (text, "%lld", (long long) quote->points_earned);
  if (quote->points_earned <= 0)
    return g_string_free (text, FALSE);

  /* Only worth saying when they are not usable at once. */
  if (quote->points_usable_on != NULL && strncmp (quote->points_usable_on, sale->at, 10) > 0)
    g_string_append_printf (text, _(", usable from %s"), quote->points_usable_on);
  if (quote->points_expire_on != NULL)
    g_string_append_printf (text, _(", expire on %s"), quote->points_expire_on);
  return g_string_free (text, FALSE);
}

static void
print_quote_figures (KtCli         *cli,
                     const Sale    *sale,
                     const KtQuote *quote)
{
  g_autoptr(KtCliTable) table = kt_cli_table_new (2);
  g_autofree char *amount = kt_cli_format_money (cli, quote->amount);
  g_autofree char *discount = kt_cli_format_money (cli, quote->discount);
  g_autofree char *payable = kt_cli_format_money (cli, quote->payable);
  g_autofree char *redeemed = g_strdup_printf ("%lld", (long long) quote->points_redeemed);
  g_autofree char *redeemable = g_strdup_printf ("%lld", (long long) quote->points_redeemable);
  g_autofree char *earned = earned_text (sale, quote);

  if (quote->limited)
    {
      g_autofree char *limited = discount;

      /* TRANSLATORS: a discount cut by the shop's cap or a category's maximum */
      discount = g_strdup_printf (_("%s (cut to the shop’s maximum)"), limited);
    }

  kt_cli_table_add_row (table, _("Amount:"), amount, NULL);
  kt_cli_table_add_row (table, _("Tier:"), kt_cli_or_dash (quote->tier), NULL);
  kt_cli_table_add_row (table, _("Discount:"), discount, NULL);
  kt_cli_table_add_row (table, _("Points redeemed:"), redeemed, NULL);
  kt_cli_table_add_row (table, _("To pay:"), payable, NULL);
  if (quote->gift_payable > 0)
    {
      g_autofree char *gift = kt_cli_format_money (cli, quote->gift_payable);

      kt_cli_table_add_row (table, _("Of it, by gift card:"), gift, NULL);
    }
  kt_cli_table_add_row (table, _("Points earned:"), earned, NULL);
  kt_cli_table_add_row (table, _("Points redeemable:"), redeemable, NULL);
  kt_cli_table_print (table, "  ");
}

static void
print_quote_lines (KtCli             *cli,
                   const KtQuote     *quote,
                   const KtProgramme *programme)
{
  g_autoptr(KtCliTable) table = kt_cli_table_new (3);

  g_print ("\n%s\n", _("Discounts:"));
  if (quote->lines->len == 0)
    g_print ("  %s\n", _("none"));
  kt_cli_table_align_right (table, 2);
  for (guint i = 0; i < quote->lines->len; i++)
    {
      const KtQuoteLine *line = quote->lines->pdata[i];
      g_autofree char *amount = kt_cli_format_money (cli, line->amount);

      kt_cli_table_add_row (table, kt_cli_or_dash (scheme_name (programme, line->scheme_id)),
                            line->reason, amount, NULL);
    }
  kt_cli_table_print (table, "  ");

  if (quote->notices->len == 0)
    return;
  g_print ("\n%s\n", _("To hand over:"));
  for (guint i = 0; i < quote->notices->len; i++)
    g_print ("  %s\n", (const char *) quote->notices->pdata[i]);
}

static void
print_quote (KtCli             *cli,
             const Sale        *sale,
             const KtQuote     *quote,
             const KtProgramme *programme,
             gint64             purchase_id)
{
  if (cli->json)
    {
      print_quote_json (sale, quote, programme, purchase_id);
      return;
    }

  if (purchase_id > 0)
    /* TRANSLATORS: "Purchase 7 recorded: Anna Kovalenko (member 12), card 2420…, 2026-03-02 12:00:00" */
    g_print (_("Purchase %lld recorded: %s (member %lld), card %s, %s\n"),
             (long long) purchase_id, kt_cli_or_dash (sale->card->member_name),
             (long long) sale->card->member_id, sale->card->number, sale->at);
  else
    /* TRANSLATORS: "Quote for Anna Kovalenko (member 12), card 2420…, 2026-03-02 12:00:00" */
    g_print (_("Quote for %s (member %lld), card %s, %s\n"),
             kt_cli_or_dash (sale->card->member_name), (long long) sale->card->member_id,
             sale->card->number, sale->at);
  print_quote_figures (cli, sale, quote);
  print_quote_lines (cli, quote, programme);
}

/* ---- quote and purchase ------------------------------------------------------------ */

static gboolean
run_sale (KtCli       *cli,
          int          argc,
          char       **argv,
          gboolean     record,
          GError     **error)
{
  g_auto(SaleArgs) args = { NULL };
  g_auto(Sale) sale = { NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtQuote) quote = NULL;
  g_autoptr(KtProgramme) programme = NULL;
  gint64 purchase_id = 0;
  KtStore *store;

  if (record)
    context = sale_context_new (cli, "purchase",
                                _("Records a member’s purchase with the discounts, points and "
                                  "gift card payment of its quote, and prints them with the "
                                  "purchase’s number."),
                                &args);
  else
    context = sale_context_new (cli, "quote",
                                _("Shows what a member’s purchase would get: the discounts "
                                  "with their reasons, the points earned and redeemable and "
                                  "the amount to pay. Nothing is recorded."),
                                &args);
  if (!kt_cli_parse_options (context, &argc, &argv, 0, error) ||
      !sale_read (cli, &args, &sale, error))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (record)
    {
      purchase_id = kt_store_purchase_record (store, sale.card->member_id, sale.card->number,
                                              &sale.input, NULL, &quote, error);
      if (purchase_id == 0)
        return FALSE;
    }
  else
    {
      quote = kt_store_quote (store, sale.card->member_id, &sale.input, error);
      if (quote == NULL)
        return FALSE;
    }

  programme = kt_store_programme_get (store, error);
  if (programme == NULL)
    return FALSE;

  print_quote (cli, &sale, quote, programme, purchase_id);
  return TRUE;
}

gboolean
kt_cli_quote (KtCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  return run_sale (cli, argc, argv, FALSE, error);
}

gboolean
kt_cli_purchase (KtCli   *cli,
                 int      argc,
                 char   **argv,
                 GError **error)
{
  return run_sale (cli, argc, argv, TRUE, error);
}

/* ---- refund ------------------------------------------------------------------------ */

static void
print_refund (KtCli          *cli,
              const KtRefund *refund)
{
  g_autoptr(KtCliTable) table = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *discount = NULL;
  g_autofree char *returned = NULL;
  g_autofree char *gift = NULL;
  g_autofree char *reversed = NULL;
  g_autofree char *restored = NULL;

  if (cli->json)
    {
      g_autoptr(KtJson) json = kt_json_new ();

      kt_json_begin_object (json);
      kt_json_add_int (json, "refund_id", refund->id);
      kt_json_add_int (json, "purchase_id", refund->purchase_id);
      kt_json_add_int (json, "member_id", refund->member_id);
      kt_json_add_string (json, "at", refund->at);
      kt_json_add_money (json, "amount", refund->amount);
      kt_json_add_money (json, "discount", refund->discount);
      kt_json_add_money (json, "returned", refund->returned);
      kt_json_add_money (json, "gift_returned", refund->gift_returned);
      kt_json_add_int (json, "points_reversed", refund->points_reversed);
      kt_json_add_int (json, "points_restored", refund->points_restored);
      kt_json_end_object (json);
      kt_json_flush (json);
      return;
    }

  table = kt_cli_table_new (2);
  amount = kt_cli_format_money (cli, refund->amount);
  discount = kt_cli_format_money (cli, refund->discount);
  returned = kt_cli_format_money (cli, refund->returned);
  gift = kt_cli_format_money (cli, refund->gift_returned);
  reversed = g_strdup_printf ("%lld", (long long) refund->points_reversed);
  restored = g_strdup_printf ("%lld", (long long) refund->points_restored);

  /* TRANSLATORS: "Refund 3 of purchase 7 (member 12), 2026-03-05 10:00:00" */
  g_print (_("Refund %lld of purchase %lld (member %lld), %s\n"), (long long) refund->id,
           (long long) refund->purchase_id, (long long) refund->member_id, refund->at);
  kt_cli_table_add_row (table, _("Amount refunded:"), amount, NULL);
  kt_cli_table_add_row (table, _("Discount taken back:"), discount, NULL);
  kt_cli_table_add_row (table, _("Money handed back:"), returned, NULL);
  kt_cli_table_add_row (table, _("Back on the gift card:"), gift, NULL);
  kt_cli_table_add_row (table, _("Points taken back:"), reversed, NULL);
  kt_cli_table_add_row (table, _("Points given back:"), restored, NULL);
  kt_cli_table_print (table, "  ");
}

gboolean
kt_cli_refund (KtCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autofree char *amount_arg = NULL;
  g_autofree char *at_arg = NULL;
  g_autofree char *at = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtRefund) refund = NULL;
  const GOptionEntry entries[] = {
    { "amount", 0, 0, G_OPTION_ARG_FILENAME, &amount_arg,
      N_("How much of the purchase’s amount before discount to refund (default: all that is "
         "left)"), N_("AMOUNT") },
    { "at", 0, 0, G_OPTION_ARG_FILENAME, &at_arg,
      N_("When the refund is made (default: now)"), N_("\"YYYY-MM-DD HH:MM\"") },
    { NULL }
  };
  KtMoney amount = 0;
  gint64 purchase_id;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "refund", _("PURCHASE_ID"),
                                       _("Refunds a purchase in full or in part: its discount, "
                                         "earned and redeemed points and gift card payment are "
                                         "taken back in proportion. A purchase is refunded at "
                                         "most once in full; its number is in “kartoteka-cli "
                                         "member show”."),
                                       entries);
  if (!kt_cli_parse_options (context, &argc, &argv, 1, error))
    return FALSE;
  if (!g_ascii_string_to_signed (argv[1], 10, 1, G_MAXINT64, &purchase_id, NULL))
    {
      kt_cli_set_usage_error (error, _("“%s” is not a purchase number"), argv[1]);
      return FALSE;
    }
  if (amount_arg != NULL && !kt_cli_parse_money (amount_arg, "--amount", &amount, error))
    return FALSE;
  if (at_arg != NULL && (at = kt_cli_parse_at (at_arg, error)) == NULL)
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL)
    return FALSE;
  refund = kt_store_purchase_refund (store, purchase_id, amount, at, error);
  if (refund == NULL)
    return FALSE;

  print_refund (cli, refund);
  return TRUE;
}
