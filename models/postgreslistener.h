#pragma once

#include <QObject>
#include <QString>

#include <memory>

typedef struct pg_conn PGconn;
class QSocketNotifier;

namespace Candlewick {

// LISTENs on a PostgreSQL channel with a connection of its own and reports each notification
// the moment the server sends it: the connection's socket is watched by the event loop of the
// thread that opened it (no polling). A lost connection is reported once through lost(); the
// owner may reconnect() (notifications sent meanwhile are not replayed).
class PostgresListener : public QObject
{
    Q_OBJECT
public:
    explicit PostgresListener(QObject *parent = nullptr);
    ~PostgresListener() override;

    // Connects to `url` (a postgresql:// URL) and LISTENs on `channel`.
    bool open(const QString &url, const QString &channel);
    // A new connection after lost(), LISTENing again.
    bool reconnect();
    bool isListening() const;
    QString errorString() const { return m_error; }

signals:
    // One per notification, in the order the transactions committed.
    void notified(const QString &payload);
    void lost(const QString &message);

private:
    bool listen();
    void readSocket();
    void drop(const QString &why);
    void dropNotifier();

    QByteArray m_url;
    QString m_channel;
    QString m_display; // the URL with its password masked
    PGconn *m_conn = nullptr;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QString m_error;
};

} // namespace Candlewick
