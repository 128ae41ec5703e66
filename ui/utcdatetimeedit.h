#pragma once

#include <QDateTimeEdit>

namespace Candlewick {

// A date-time editor in UTC ("2024-03-01 12:00 UTC") with a calendar popup, for the range
// pickers of the download dialog and the replay panel.
class UtcDateTimeEdit : public QDateTimeEdit
{
    Q_OBJECT
public:
    explicit UtcDateTimeEdit(QWidget *parent = nullptr);

    // Milliseconds since the epoch.
    qint64 msecs() const { return dateTime().toMSecsSinceEpoch(); }
    void setMsecs(qint64 ms);
};

} // namespace Candlewick
