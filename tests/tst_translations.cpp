#include <languages.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Candlewick;

class TestTranslations : public QObject
{
    Q_OBJECT
private slots:
    void tsFilesAreComplete_data();
    void tsFilesAreComplete();
    void compiledTranslationsLoad_data();
    void compiledTranslationsLoad();
    void resolvePicksAvailableLanguage_data();
    void resolvePicksAvailableLanguage();
};

void TestTranslations::tsFilesAreComplete_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("leastMessages");
    QTest::newRow("de") << QStringLiteral(CANDLEWICK_TRANSLATIONS_DIR "/candlewick_de.ts") << 100;
    QTest::newRow("zh_CN") << QStringLiteral(CANDLEWICK_TRANSLATIONS_DIR "/candlewick_zh_CN.ts")
                           << 100;
    // The example strategy plugins' messages (their signals' reasons).
    for (const char *plugin : {"rsi_threshold", "sma_cross"}) {
        for (const char *language : {"de", "zh_CN"}) {
            const QString file = QStringLiteral(CANDLEWICK_TRANSLATIONS_DIR "/strategies/%1_%2.ts")
                                     .arg(QLatin1StringView(plugin), QLatin1StringView(language));
            QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file << 2;
        }
    }
}

void TestTranslations::tsFilesAreComplete()
{
    QFETCH(QString, file);
    QFETCH(int, leastMessages);
    QFile f(file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(file));
    QXmlStreamReader xml(&f);
    int messages = 0;
    QStringList unfinished;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"message")
            ++messages;
        else if (xml.name() == u"source")
            source = xml.readElementText();
        else if (xml.name() == u"translation") {
            const QString type = xml.attributes().value(QStringLiteral("type")).toString();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (!type.isEmpty() || text.trimmed().isEmpty())
                unfinished.append(source);
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(messages >= leastMessages);
    QVERIFY2(unfinished.isEmpty(), qPrintable(unfinished.join(QStringLiteral(" | "))));
}

void TestTranslations::compiledTranslationsLoad_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::newRow("de menu") << "de"
                             << "Candlewick::MainWindow"
                             << "&File"
                             << "&Datei";
    QTest::newRow("de table") << "de"
                              << "Candlewick::CandleTableModel"
                              << "Volume"
                              << "Volumen";
    QTest::newRow("zh_CN menu") << "zh_CN"
                                << "Candlewick::MainWindow"
                                << "&File"
                                << "文件(&F)";
    QTest::newRow("zh_CN chart") << "zh_CN"
                                 << "ChartRenderer"
                                 << "(forming)"
                                 << "(形成中)";
}

void TestTranslations::compiledTranslationsLoad()
{
    QFETCH(QString, language);
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/candlewick_") + language));
    QCOMPARE(translator.translate(qPrintable(context), qPrintable(source)), expected);
    QVERIFY(Languages::install(language));
    QCOMPARE(QCoreApplication::translate(qPrintable(context), qPrintable(source)), expected);
    QVERIFY(Languages::install(QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate(qPrintable(context), qPrintable(source)), source);
}

void TestTranslations::resolvePicksAvailableLanguage_data()
{
    QTest::addColumn<QString>("preferred");
    QTest::addColumn<QString>("expected");
    QTest::newRow("de") << "de"
                        << "de";
    QTest::newRow("de_AT") << "de_AT"
                           << "de";
    QTest::newRow("zh-CN") << "zh-CN"
                           << "zh_CN";
    QTest::newRow("zh") << "zh"
                        << "zh_CN";
    QTest::newRow("en") << "en"
                        << "en";
}

void TestTranslations::resolvePicksAvailableLanguage()
{
    QFETCH(QString, preferred);
    QFETCH(QString, expected);
    QCOMPARE(Languages::resolve(preferred), expected);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
