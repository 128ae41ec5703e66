#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>

#include <memory>

namespace Candlewick {

class CandleDatabase;
class Exchange;
class ExchangeSession;
class HistoryCache;

// The exchange sessions the desktop app uses, one per exchange of the ExchangeRegistry, created on
// first use with the URLs in effect (options, environment, preferences), and a history cache in
// front of each one's history.
class ExchangeSessions : public QObject
{
    Q_OBJECT
public:
    explicit ExchangeSessions(QObject *parent = nullptr);
    ~ExchangeSessions() override;

    // The registry's exchange ids, in its order.
    static QStringList ids();
    static QString displayName(const QString &exchange);

    void setDatabase(std::shared_ptr<CandleDatabase> database);
    const std::shared_ptr<CandleDatabase> &database() const { return m_database; }

    // Owned by this object; nullptr for an unknown exchange.
    ExchangeSession *session(const QString &exchange);
    // A cache in front of session(exchange)->history() writing to database(); nullptr when the
    // exchange is unknown or no database is set.
    HistoryCache *cache(const QString &exchange);
    // Lets tests put in a session of their own (pointed at a fake, or scripted); takes ownership.
    void setSession(const QString &exchange, ExchangeSession *session);

signals:
    void logMessage(const QString &message);

private:
    std::shared_ptr<CandleDatabase> m_database;
    QHash<QString, ExchangeSession *> m_sessions;
    QHash<QString, HistoryCache *> m_caches;
};

} // namespace Candlewick
