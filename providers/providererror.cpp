#include "providererror.h"

#include <QCoreApplication>

namespace Candlewick {

bool ProviderError::isTransient() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::RateLimited:
    case Kind::Banned:
    case Kind::ServerError:
        return true;
    default:
        return false;
    }
}

QString ProviderError::bodyExcerpt(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(200)).simplified();
    if (body.size() > 200)
        text += QStringLiteral("...");
    return text;
}

QString ProviderError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Network:
        return QStringLiteral("network");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::RateLimited:
        return QStringLiteral("rate-limited");
    case Kind::Banned:
        return QStringLiteral("banned");
    case Kind::Forbidden:
        return QStringLiteral("forbidden");
    case Kind::ServerError:
        return QStringLiteral("server-error");
    case Kind::InvalidSymbol:
        return QStringLiteral("invalid-symbol");
    case Kind::InvalidInterval:
        return QStringLiteral("invalid-interval");
    case Kind::InvalidRequest:
        return QStringLiteral("invalid-request");
    case Kind::BadResponse:
        return QStringLiteral("bad-response");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    case Kind::Storage:
        return QStringLiteral("storage");
    }
    return QStringLiteral("unknown");
}

ProviderError ProviderError::providerGone(const QString &exchangeName)
{
    return {Kind::Cancelled, 0, 0,
            QCoreApplication::translate("Candlewick::ProviderError", "The %1 provider is gone")
                .arg(exchangeName),
            0};
}

namespace {

QString shownOrNone(const QString &name)
{
    return name.isEmpty() ? QCoreApplication::translate("Candlewick::RequestInfo", "(none)") : name;
}

} // namespace

QString RequestInfo::shownSymbol() const
{
    return shownOrNone(symbol);
}

QString RequestInfo::shownInterval() const
{
    return shownOrNone(interval);
}

} // namespace Candlewick
