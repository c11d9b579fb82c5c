/* kt-shop-preferences.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/kt-store.h"

G_BEGIN_DECLS

#define KT_TYPE_SHOP_PREFERENCES (kt_shop_preferences_get_type ())
G_DECLARE_FINAL_TYPE (KtShopPreferences, kt_shop_preferences, KT, SHOP_PREFERENCES,
                      AdwPreferencesWindow)

KtShopPreferences *kt_shop_preferences_new (GtkWindow *parent,
                                            KtStore   *store);

G_END_DECLS
