#include "exchangesessions.h"

#include <clock.h>
#include <exchange.h>
#include <exchangeregistry.h>
#include <exchangesession.h>
#include <historycache.h>

namespace Candlewick {

ExchangeSessions::ExchangeSessions(QObject *parent)
    : QObject(parent)
{
}

ExchangeSessions::~ExchangeSessions()
{
    qDeleteAll(m_caches);
    m_caches.clear();
}

QStringList ExchangeSessions::ids()
{
    return ExchangeRegistry::ids();
}

QString ExchangeSessions::displayName(const QString &exchange)
{
    const Exchange *e = ExchangeRegistry::find(exchange);
    return e ? e->translatedName() : exchange;
}

void ExchangeSessions::setDatabase(std::shared_ptr<CandleDatabase> database)
{
    if (database == m_database)
        return;
    m_database = std::move(database);
    qDeleteAll(m_caches);
    m_caches.clear();
}

ExchangeSession *ExchangeSessions::session(const QString &exchange)
{
    if (ExchangeSession *s = m_sessions.value(exchange))
        return s;
    const Exchange *e = ExchangeRegistry::find(exchange);
    if (!e)
        return nullptr;
    // The URLs in effect: environment, then the preferences, then the exchange's defaults.
    ExchangeSession *s = e->createSession(*e, e->resolveEndpoints(), Clock::system(), this);
    connect(s, &ExchangeSession::logMessage, this, &ExchangeSessions::logMessage);
    m_sessions.insert(exchange, s);
    return s;
}

void ExchangeSessions::setSession(const QString &exchange, ExchangeSession *session)
{
    delete m_caches.take(exchange);
    delete m_sessions.take(exchange);
    session->setParent(this);
    connect(session, &ExchangeSession::logMessage, this, &ExchangeSessions::logMessage);
    m_sessions.insert(exchange, session);
}

HistoryCache *ExchangeSessions::cache(const QString &exchange)
{
    if (HistoryCache *c = m_caches.value(exchange))
        return c;
    ExchangeSession *s = session(exchange);
    if (!s || !m_database)
        return nullptr;
    auto *c = new HistoryCache(s->history(), m_database, s->clock());
    m_caches.insert(exchange, c);
    return c;
}

} // namespace Candlewick
