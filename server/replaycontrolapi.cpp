#include "replaycontrolapi.h"

#include "klinestreamhub.h"

#include <replay/replayfeed.h>
#include <utctime.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace Candlewick {

namespace {

constexpr QByteArrayView Prefix = "/candlewick/v1/replay";

// The control API's errors are part of the API (clients read them), like the Binance-compatible
// bodies: English, never translated.
HttpResponse failure(int status, const QString &msg)
{
    return HttpResponse::json(
        QJsonDocument(QJsonObject{{QStringLiteral("error"), msg}}).toJson(QJsonDocument::Compact),
        status);
}

} // namespace

ReplayControlApi::ReplayControlApi(ReplayFeed *feed, QObject *parent)
    : QObject(parent)
    , m_feed(feed)
{
}

void ReplayControlApi::setBackPressure(KlineStreamHub *hub)
{
    m_hub = hub;
    // Held at once, from inside the publish that congested a client (the replay stops between
    // two candles); let go queued, as the last client drains from inside the hub.
    connect(hub, &KlineStreamHub::congestionChanged, this, [this](bool congested) {
        if (congested)
            followBackPressure();
        else
            QMetaObject::invokeMethod(this, &ReplayControlApi::followBackPressure,
                                      Qt::QueuedConnection);
    });
}

bool ReplayControlApi::congested() const
{
    return m_hub && m_hub->isCongested();
}

void ReplayControlApi::followBackPressure()
{
    if (congested()) {
        if (m_feed->playerState() == ReplayFeed::State::Playing) {
            m_held = true;
            m_feed->pause();
        }
    } else if (m_held) {
        m_held = false;
        if (m_feed->playerState() == ReplayFeed::State::Paused)
            m_feed->play();
    }
}

bool ReplayControlApi::isControlPath(const QByteArray &path)
{
    return path.startsWith("/candlewick/");
}

std::optional<HttpResponse> ReplayControlApi::handle(const HttpRequest &request)
{
    if (!request.path.startsWith(Prefix))
        return std::nullopt;
    const QByteArray action = request.path.mid(Prefix.size());
    const QUrlQuery query(QString::fromLatin1(request.query));
    if (action.isEmpty()) {
        if (request.method != "GET")
            return failure(405, QStringLiteral("use GET"));
        return state();
    }
    if (request.method != "POST")
        return failure(405, QStringLiteral("use POST"));
    if (action == "/pause") {
        m_held = false;
        m_feed->pause();
    } else if (action == "/resume") {
        // While a client is congested it goes on once they have drained.
        if (congested())
            m_held = m_feed->playerState() != ReplayFeed::State::Finished;
        else if (m_feed->playerState() != ReplayFeed::State::Finished)
            m_feed->play();
    } else if (action == "/speed") {
        const QString x = query.queryItemValue(QStringLiteral("x"), QUrl::FullyDecoded);
        bool ok = false;
        const double speed = x.toDouble(&ok);
        if (x == QLatin1StringView("max"))
            m_feed->setSpeed(ReplayFeed::MaxSpeed);
        else if (ok && speed > 0 && speed <= 1e9)
            m_feed->setSpeed(speed);
        else
            return failure(400, QStringLiteral("x must be a factor above 0 or max"));
    } else if (action == "/seek") {
        const auto t
            = UtcTime::parse(query.queryItemValue(QStringLiteral("time"), QUrl::FullyDecoded));
        if (!t)
            return failure(400, QStringLiteral("time must be ms since the epoch or ISO-8601 UTC"));
        m_feed->seek(*t);
    } else {
        return failure(404, QStringLiteral("unknown replay control"));
    }
    return state();
}

HttpResponse ReplayControlApi::state() const
{
    const bool paused = m_feed->playerState() != ReplayFeed::State::Playing && !m_held;
    return HttpResponse::json(
        QJsonDocument(QJsonObject{{QStringLiteral("time"), m_feed->replayTime()},
                                  {QStringLiteral("from"), m_feed->from()},
                                  {QStringLiteral("to"), m_feed->to()},
                                  {QStringLiteral("speed"),
                                   m_feed->isMaxSpeed() ? QJsonValue(QStringLiteral("max"))
                                                        : QJsonValue(m_feed->speed())},
                                  {QStringLiteral("paused"), paused},
                                  {QStringLiteral("progress"), m_feed->progressPercent()}})
            .toJson(QJsonDocument::Compact));
}

} // namespace Candlewick
