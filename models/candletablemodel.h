#pragma once

#include "candle.h"
#include "interval.h"

#include <QAbstractTableModel>

namespace Candlewick {

// A table over one series. Holds the CandleBatch by implicit sharing: setting a year of candles
// copies nothing, and cells are formatted only when a view asks for them.
class CandleTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        OpenTimeColumn,
        OpenColumn,
        HighColumn,
        LowColumn,
        CloseColumn,
        VolumeColumn,
        QuoteVolumeColumn,
        TradesColumn,
        StateColumn,
        ColumnCount
    };
    // data(..., CandleRole) on any column returns the row's Candle.
    static constexpr int CandleRole = Qt::UserRole + 1;

    explicit CandleTableModel(QObject *parent = nullptr);

    void setCandles(const CandleBatch &candles, Interval interval);
    // Appends newer candles in one insertion (older or equal open times are ignored).
    void appendCandles(const CandleBatch &candles);
    // Room for `count` rows, so appending a long replay never copies what is already there.
    void reserve(qsizetype count) { m_candles.reserve(count); }
    // A forming or closed candle: updates the last row in place when the open time matches,
    // otherwise appends a row.
    void updateCandle(const Candle &candle);
    void clear();

    const CandleBatch &candles() const { return m_candles; }
    Interval interval() const { return m_interval; }
    // Row of the candle with exactly this open time, or -1.
    int rowForTime(qint64 openTime) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    CandleBatch m_candles;
    Interval m_interval = Interval::M1;
};

} // namespace Candlewick
