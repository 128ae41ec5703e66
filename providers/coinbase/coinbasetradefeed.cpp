#include "coinbasetradefeed.h"

#include <clock.h>
#include <streamlogging.h>

#include <QWebSocket>

namespace Candlewick {

namespace {

const QString CoinbaseMarketTrades = QStringLiteral("market_trades");
const QString CoinbaseHeartbeats = QStringLiteral("heartbeats");

// "000000123" is 123; anything else has no usable id.
qint64 coinbaseTradeId(const QString &text)
{
    if (text.isEmpty() || text.size() > 18)
        return -1;
    qint64 v = 0;
    for (QChar c : text) {
        if (c < u'0' || c > u'9')
            return -1;
        v = v * 10 + (c.unicode() - u'0');
    }
    return v;
}

} // namespace

CoinbaseTradeFeed::CoinbaseTradeFeed(const QUrl &url, Clock *clock, QObject *parent)
    : TradeFeed(parent)
    , m_url(url)
    , m_clock(clock ? clock : Clock::system())
{
    qRegisterMetaType<Candlewick::TradeBatch>();
}

CoinbaseTradeFeed::~CoinbaseTradeFeed()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

void CoinbaseTradeFeed::subscribe(const QString &symbol)
{
    if (m_symbols.contains(symbol))
        return;
    m_symbols.append(symbol);
    if (!m_socket && !m_reconnect)
        return connectSocket();
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        queueMessage(CoinbaseApi::subscriptionRequest(QStringLiteral("subscribe"),
                                                      CoinbaseMarketTrades, {symbol}));
}

void CoinbaseTradeFeed::unsubscribe(const QString &symbol)
{
    if (!m_symbols.removeOne(symbol))
        return;
    m_lastSeenUs.remove(symbol);
    if (m_symbols.isEmpty()) {
        delete m_reconnect.data();
        delete m_watchdog.data();
        if (QWebSocket *socket = m_socket) {
            m_socket = nullptr;
            socket->disconnect(this);
            socket->abort();
            socket->deleteLater();
        }
        m_outbox.clear();
        setState(ConnectionState::Disconnected);
        return;
    }
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        queueMessage(CoinbaseApi::subscriptionRequest(QStringLiteral("unsubscribe"),
                                                      CoinbaseMarketTrades, {symbol}));
}

void CoinbaseTradeFeed::connectSocket()
{
    m_reconnect = nullptr;
    if (m_symbols.isEmpty())
        return;
    ++m_stats.connectAttempts;
    setState(m_everLive ? ConnectionState::Reconnecting : ConnectionState::Connecting);
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &CoinbaseTradeFeed::handleConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &CoinbaseTradeFeed::handleDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &CoinbaseTradeFeed::handleText);
    m_socket->open(m_url);
    armWatchdog();
}

void CoinbaseTradeFeed::handleConnected()
{
    // Sequence numbers start afresh on a new connection.
    m_lastSequence = -1;
    m_lastSequences.clear();
    m_outbox.clear();
    queueMessage(
        CoinbaseApi::subscriptionRequest(QStringLiteral("subscribe"), CoinbaseHeartbeats, {}));
    // One product per message: Coinbase refuses a whole message for one unknown product.
    for (const QString &symbol : std::as_const(m_symbols)) {
        queueMessage(CoinbaseApi::subscriptionRequest(QStringLiteral("subscribe"),
                                                      CoinbaseMarketTrades, {symbol}));
    }
    armWatchdog();
}

void CoinbaseTradeFeed::handleDisconnected()
{
    QWebSocket *socket = m_socket;
    if (!socket)
        return;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->deleteLater();
    delete m_watchdog.data();
    m_outbox.clear();
    if (state() == ConnectionState::Live) {
        ++m_stats.reconnects;
        emit logMessage(tr("Coinbase WebSocket connection lost; reconnecting"));
    }
    // What arrived while no connection was open is gone: every product is repaired.
    if (m_everLive)
        lose(m_symbols);
    scheduleReconnect();
}

void CoinbaseTradeFeed::scheduleReconnect()
{
    if (m_symbols.isEmpty() || m_reconnect)
        return;
    setState(ConnectionState::Reconnecting);
    const qint64 delay = m_backoff.delayMs(++m_failures);
    m_reconnect = m_clock->callAfter(delay, this, [this] { connectSocket(); });
}

void CoinbaseTradeFeed::armWatchdog()
{
    delete m_watchdog.data();
    m_watchdog = m_clock->callAfter(m_stallMs, this, [this] {
        m_watchdog = nullptr;
        if (!m_socket)
            return;
        emit logMessage(
            tr("Coinbase WebSocket silent for %1 s; reconnecting").arg(m_stallMs / 1000));
        m_socket->abort();
        // A connection that never opened may end without a disconnected() signal.
        handleDisconnected();
    });
}

void CoinbaseTradeFeed::queueMessage(const QByteArray &message)
{
    m_outbox.push_back(message);
    pumpOutbox();
}

void CoinbaseTradeFeed::pumpOutbox()
{
    const qint64 now = m_clock->nowMs();
    while (!m_sent.empty() && m_sent.front() + 1000 <= now)
        m_sent.pop_front();
    while (!m_outbox.empty() && int(m_sent.size()) < MaxMessagesPerSecond) {
        if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
            m_outbox.clear();
            return;
        }
        m_socket->sendTextMessage(QString::fromUtf8(m_outbox.front()));
        m_outbox.pop_front();
        m_sent.push_back(now);
    }
    if (!m_outbox.empty() && !m_outboxTimer) {
        m_outboxTimer = m_clock->callAt(m_sent.front() + 1000, this, [this] {
            m_outboxTimer = nullptr;
            pumpOutbox();
        });
    }
}

void CoinbaseTradeFeed::handleText(const QString &text)
{
    ++m_stats.frames;
    armWatchdog();
    CoinbaseApi::StreamMessage message;
    const QString why = CoinbaseApi::parseStreamMessage(text.toUtf8(), &message);
    if (!why.isEmpty()) {
        ++m_stats.rejectedFrames;
        qCWarning(lcLive).noquote() << "Coinbase: rejected message:" << why;
        emit logMessage(tr("Coinbase sent a malformed message (%1)").arg(why));
        return;
    }
    using Type = CoinbaseApi::StreamMessage::Type;
    switch (message.type) {
    case Type::Error:
        ++m_stats.controlErrors;
        emit logMessage(tr("Coinbase refused a request: %1").arg(message.message));
        return;
    case Type::Subscriptions:
        checkSequence(QStringLiteral("subscriptions/"), message.sequenceNum, {});
        m_failures = 0;
        m_everLive = true;
        setState(ConnectionState::Live);
        return;
    case Type::Heartbeat:
        checkSequence(CoinbaseHeartbeats + u'/', message.sequenceNum, {});
        m_lastHeartbeatUs = message.timestampUs;
        for (const QString &symbol : std::as_const(m_symbols))
            m_lastSeenUs.insert(symbol, message.timestampUs);
        emit exchangeTime(message.timestampUs);
        return;
    case Type::Trades:
        return handleTrades(message);
    case Type::Other:
        return;
    }
}

void CoinbaseTradeFeed::handleTrades(const CoinbaseApi::StreamMessage &message)
{
    QHash<QString, TradeBatch> byProduct;
    QStringList order;
    for (const CoinbaseApi::TradeRow &row : message.trades) {
        const std::optional<ExactDecimal> price = ExactDecimal::parse(
            std::string_view(row.price.constData(), size_t(row.price.size())));
        const std::optional<ExactDecimal> size
            = ExactDecimal::parse(std::string_view(row.size.constData(), size_t(row.size.size())));
        if (!price || !size) {
            ++m_stats.rejectedFrames;
            emit logMessage(tr("Coinbase sent a trade with an unreadable price or size"));
            return;
        }
        Trade t;
        t.timeUs = row.timeUs;
        t.id = coinbaseTradeId(row.tradeId);
        t.price = *price;
        t.size = *size;
        // Coinbase names the maker's side; the taker's is the other one.
        t.side = row.side == "BUY" ? TradeSide::Sell
                                   : (row.side == "SELL" ? TradeSide::Buy : TradeSide::Unknown);
        if (!byProduct.contains(row.productId))
            order.append(row.productId);
        byProduct[row.productId].append(t);
    }
    const QString scope = order.isEmpty() ? QString() : order.first();
    checkSequence(CoinbaseMarketTrades + u'/' + scope, message.sequenceNum, order);
    for (const QString &product : std::as_const(order)) {
        if (!m_symbols.contains(product))
            continue;
        const TradeBatch &trades = byProduct[product];
        qint64 newest = m_lastSeenUs.value(product, -1);
        for (const Trade &t : trades)
            newest = std::max(newest, t.timeUs);
        m_lastSeenUs.insert(product, newest);
        m_stats.trades += trades.size();
        emit tradesReceived(product, trades);
    }
}

void CoinbaseTradeFeed::checkSequence(const QString &scopeKey, qint64 sequence,
                                      const QStringList &products)
{
    if (sequence < 0)
        return;
    const bool haveConnection = m_lastSequence >= 0;
    const auto productIt = m_lastSequences.constFind(scopeKey);
    const bool haveProduct = productIt != m_lastSequences.constEnd();
    const qint64 lastProduct = haveProduct ? *productIt : -1;
    const bool nextOfConnection = haveConnection && sequence == m_lastSequence + 1;
    const bool nextOfProduct = haveProduct && sequence == lastProduct + 1;
    if (m_scope == SequenceScope::Unknown && haveProduct) {
        if (nextOfConnection && !nextOfProduct)
            m_scope = SequenceScope::Connection;
        else if (nextOfProduct && !nextOfConnection)
            m_scope = SequenceScope::Product;
    }
    bool gap = false;
    switch (m_scope) {
    case SequenceScope::Connection:
        gap = haveConnection && sequence > m_lastSequence + 1;
        break;
    case SequenceScope::Product:
        gap = haveProduct && sequence > lastProduct + 1;
        break;
    case SequenceScope::Unknown:
        gap = haveProduct && haveConnection && sequence > lastProduct + 1
            && sequence > m_lastSequence + 1;
        break;
    }
    const qint64 previous = m_scope == SequenceScope::Product ? lastProduct : m_lastSequence;
    m_lastSequence = std::max(m_lastSequence, sequence);
    m_lastSequences.insert(scopeKey, std::max(lastProduct, sequence));
    if (!gap)
        return;
    emit logMessage(tr("Coinbase messages were lost (sequence %1 after %2); the minutes are "
                       "taken from history")
                        .arg(sequence)
                        .arg(previous));
    // Per product, a heartbeat gap loses no trade.
    lose(m_scope == SequenceScope::Product ? products : m_symbols);
}

void CoinbaseTradeFeed::lose(const QStringList &products)
{
    for (const QString &product : products) {
        if (!m_symbols.contains(product))
            continue;
        ++m_stats.losses;
        emit tradesLost(product, m_lastSeenUs.value(product, -1));
    }
}

} // namespace Candlewick
