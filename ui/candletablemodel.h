#pragma once

#include <candle.h>
#include <interval.h>

#include <QAbstractTableModel>

namespace Candlewick {

class SeriesDocument;

// A table view of the open series: rows are the document's candles() (no copy of them), kept in
// step with its change signals (a reset, rows appended, the last row changed). Cells are
// formatted only when a view asks for them.
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

    explicit CandleTableModel(const SeriesDocument *document, QObject *parent = nullptr);

    const SeriesDocument *document() const { return m_document; }
    const CandleBatch &candles() const;
    Interval interval() const;
    // Row of the candle with exactly this open time, or -1.
    int rowForTime(qint64 openTime) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void handleAppended(qsizetype first, qsizetype count);
    void handleLastChanged();
    // Widens m_seenDecimals to the prices of rows [first, last]; true when it grew.
    bool seePrices(qsizetype first, qsizetype last);
    // The decimals prices are shown with: the symbol's tick size's, else the widest seen.
    int priceDecimals() const;

    const SeriesDocument *m_document;
    // The rows announced to the views so far: the document changes before it signals.
    int m_rows = 0;
    // The most decimals a price of the shown rows has (at most 12), so that every row shows
    // its prices alike ("4,507.0" above "4,477.8").
    int m_seenDecimals = 0;
};

} // namespace Candlewick
