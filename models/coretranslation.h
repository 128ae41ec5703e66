#pragma once

#include <QString>

namespace Candlewick {

// The libraries' own messages (models, providers, server, the strategies host: errorString()s,
// ProviderError messages, state names, log lines for the user) in the user's language. Their
// catalogue is translations/candlewick-core_<lang>.ts, compiled into the models library as
// :/i18n/candlewick-core_<lang>.qm; the CLI and the GUI install it next to their own.
class CoreTranslation
{
public:
    // Installs the catalogue of `language` ("de", "zh_CN") on the application, replacing the one
    // installed before; "en" or an empty language only removes it. False when there is no
    // catalogue for `language` (messages stay English).
    static bool install(const QString &language);
};

} // namespace Candlewick
