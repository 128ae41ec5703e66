#include <connectionstate.h>
#include <coretranslation.h>
#include <languages.h>
#include <sqlitecandlestore.h>

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
    void libraryMessagesFollowLanguage_data();
    void libraryMessagesFollowLanguage();
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
    // The libraries' messages (models, providers, the strategies host).
    QTest::newRow("core de") << QStringLiteral(CANDLEWICK_TRANSLATIONS_DIR "/candlewick-core_de.ts")
                             << 300;
    QTest::newRow("core zh_CN") << QStringLiteral(CANDLEWICK_TRANSLATIONS_DIR
                                                  "/candlewick-core_zh_CN.ts")
                                << 300;
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

// The libraries' catalogue is compiled into them (every program linking them has it), and the
// GUI's Languages::install installs it with the GUI's own: an error of the store (a class's tr())
// and a state name (a free function, through its file's Q_DECLARE_TR_FUNCTIONS class) follow the
// language.
void TestTranslations::libraryMessagesFollowLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("noPath");
    QTest::addColumn<QString>("backfilling");
    QTest::newRow("en") << "en"
                        << "No database path given"
                        << "Backfilling";
    QTest::newRow("de") << "de"
                        << "Kein Datenbankpfad angegeben"
                        << "Fülle Lücken";
    QTest::newRow("zh_CN") << "zh_CN"
                           << "未指定数据库路径"
                           << "补数据中";
}

void TestTranslations::libraryMessagesFollowLanguage()
{
    QFETCH(QString, language);
    QFETCH(QString, noPath);
    QFETCH(QString, backfilling);
    if (language != u"en")
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/candlewick-core_") + language
                              + QStringLiteral(".qm")));
    QVERIFY(Languages::install(language));
    SqliteCandleStore store;
    QVERIFY(!store.open(QString()));
    QCOMPARE(store.errorString(), noPath + QStringLiteral(" ()")); // "%1 (%2)": what, path
    QCOMPARE(connectionStateName(ConnectionState::Backfilling), backfilling);
    // Back to English: the catalogue goes with the language.
    QVERIFY(Languages::install(QStringLiteral("en")));
    QVERIFY(!store.open(QString()));
    QCOMPARE(store.errorString(), QStringLiteral("No database path given ()"));
    QCOMPARE(connectionStateName(ConnectionState::Backfilling), QStringLiteral("Backfilling"));
    QVERIFY(!CoreTranslation::install(QStringLiteral("fr")));
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
