/* kt-shop-preferences.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shop's own settings, kept in the register (not in GSettings): they
 * belong to the shop's data and travel with its backups. Each is saved as
 * soon as it is applied; the store refuses what it cannot use.
 */

#define G_LOG_DOMAIN "kt-shop-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "kt-shop-preferences.h"

struct _KtShopPreferences
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *shop_name_row;
  AdwComboRow          *currency_row;
  GtkStringList        *currencies;
  AdwEntryRow          *card_prefix_row;

  KtStore              *store;   /* not owned: the main window's */
  gboolean              filling;
};

G_DEFINE_FINAL_TYPE (KtShopPreferences, kt_shop_preferences, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers ------------------------------------------------------------- */

static void
add_toast (KtShopPreferences *self,
           const char        *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

static gboolean
save_setting (KtShopPreferences *self,
              const char        *key,
              const char        *value)
{
  g_autoptr(GError) error = NULL;

  if (!kt_store_set_setting (self->store, key, value, &error))
    {
      add_toast (self, error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static void
fill (KtShopPreferences *self)
{
  g_autofree char *name = kt_store_get_setting (self->store, KT_SETTING_SHOP_NAME);
  g_autofree char *currency = kt_store_get_setting (self->store, KT_SETTING_CURRENCY);
  g_autofree char *prefix = g_strdup_printf ("%02u", kt_store_get_card_prefix (self->store));
  guint n_currencies = g_list_model_get_n_items (G_LIST_MODEL (self->currencies));

  self->filling = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->shop_name_row), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->card_prefix_row), prefix);

  /* A currency set by a newer version or by hand is kept on the list. */
  if (currency != NULL && *currency != '\0')
    {
      guint position = GTK_INVALID_LIST_POSITION;

      for (guint i = 0; i < n_currencies; i++)
        if (g_str_equal (gtk_string_list_get_string (self->currencies, i), currency))
          position = i;
      if (position == GTK_INVALID_LIST_POSITION)
        {
          gtk_string_list_append (self->currencies, currency);
          position = n_currencies;
        }
      adw_combo_row_set_selected (self->currency_row, position);
    }

  self->filling = FALSE;
}

/* ---- signal callbacks ---------------------------------------------------- */

static void
shop_name_applied_cb (KtShopPreferences *self)
{
  g_autofree char *name = NULL;

  g_assert (KT_IS_SHOP_PREFERENCES (self));

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->shop_name_row))));
  save_setting (self, KT_SETTING_SHOP_NAME, name);
}

static void
currency_selected_cb (KtShopPreferences *self)
{
  guint position = adw_combo_row_get_selected (self->currency_row);

  g_assert (KT_IS_SHOP_PREFERENCES (self));

  if (self->filling || position == GTK_INVALID_LIST_POSITION)
    return;

  save_setting (self, KT_SETTING_CURRENCY,
                gtk_string_list_get_string (self->currencies, position));
}

static void
card_prefix_applied_cb (KtShopPreferences *self)
{
  g_autofree char *text = NULL;
  g_autofree char *prefix = NULL;
  guint value = 0;
  g_autoptr(GError) error = NULL;

  g_assert (KT_IS_SHOP_PREFERENCES (self));

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->card_prefix_row))));
  if (!kt_card_prefix_parse (text, &value, &error))
    {
      add_toast (self, error->message);
      return;
    }

  /* Stored as the two digits printed in every new number. */
  prefix = g_strdup_printf ("%02u", value);
  save_setting (self, KT_SETTING_CARD_PREFIX, prefix);
}

/* ---- GObject ------------------------------------------------------------- */

static void
kt_shop_preferences_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_SHOP_PREFERENCES);

  G_OBJECT_CLASS (kt_shop_preferences_parent_class)->dispose (object);
}

static void
kt_shop_preferences_class_init (KtShopPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_shop_preferences_dispose;

  /**
   * KtShopPreferences::changed:
   * @self: the window
   *
   * Emitted after a setting was saved in the register.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-shop-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, KtShopPreferences, shop_name_row);
  gtk_widget_class_bind_template_child (widget_class, KtShopPreferences, currency_row);
  gtk_widget_class_bind_template_child (widget_class, KtShopPreferences, currencies);
  gtk_widget_class_bind_template_child (widget_class, KtShopPreferences, card_prefix_row);
  gtk_widget_class_bind_template_callback (widget_class, shop_name_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, currency_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, card_prefix_applied_cb);
}

static void
kt_shop_preferences_init (KtShopPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kt_shop_preferences_new:
 * @parent: the main window
 * @store: the register; it must outlive the window
 *
 * Returns: (transfer floating): the settings window, not yet shown
 */
KtShopPreferences *
kt_shop_preferences_new (GtkWindow *parent,
                         KtStore   *store)
{
  KtShopPreferences *self;

  g_return_val_if_fail (store != NULL, NULL);

  self = g_object_new (KT_TYPE_SHOP_PREFERENCES, "transient-for", parent, NULL);
  self->store = store;
  fill (self);
  return self;
}
