#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QObject>

#include <optional>

namespace Candlewick {

class KlineStreamHub;
class ReplayFeed;

// The replay's control endpoints: GET /candlewick/v1/replay ->
// {"time","from","to","speed","paused","progress"} (speed "max" at max); POST
// /candlewick/v1/replay/pause, /resume, /speed?x=<factor|max>, /seek?time=<ms|ISO-8601>. Seek
// keeps the paused or playing state; after it the first event is the candle that opens then.
//
// With back-pressure from a stream hub, the replay is held (paused without telling the
// clients: "paused" stays false) while a client is congested and goes on once the last one
// has drained, so it never runs ahead of what the sockets take.
class ReplayControlApi : public QObject
{
    Q_OBJECT
public:
    explicit ReplayControlApi(ReplayFeed *feed, QObject *parent = nullptr);

    void setBackPressure(KlineStreamHub *hub);
    bool isHeld() const { return m_held; }

    static bool isControlPath(const QByteArray &path);
    // The answer for a control request; nothing when the path is not one of them.
    std::optional<HttpResponse> handle(const HttpRequest &request);

private:
    HttpResponse state() const;
    void followBackPressure();
    bool congested() const;

    ReplayFeed *m_feed;
    KlineStreamHub *m_hub = nullptr;
    bool m_held = false;
};

} // namespace Candlewick
