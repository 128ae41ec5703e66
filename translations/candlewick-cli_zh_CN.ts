<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Candlewick::Cli::CommandRegistry</name>
    <message>
        <source>Usage: candlewick-cli &lt;command&gt; [options]</source>
        <translation>用法：candlewick-cli &lt;命令&gt; [选项]</translation>
    </message>
    <message>
        <source>Crypto market data: download, cache, export, record and replay candles.</source>
        <translation>加密货币行情数据：下载、缓存、导出、录制和回放K线。</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>Run `candlewick-cli &lt;command&gt; --help` for the options of a command.</source>
        <translation>运行 `candlewick-cli &lt;命令&gt; --help` 查看某个命令的选项。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>Usage: candlewick-cli %1 [options]</source>
        <translation>用法：candlewick-cli %1 [选项]</translation>
    </message>
    <message>
        <source>unexpected argument &apos;%1&apos;</source>
        <translation>意外的参数“%1”</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos; (run `candlewick-cli --help` for the list)</source>
        <translation>未知命令“%1”（运行 `candlewick-cli --help` 查看列表）</translation>
    </message>
    <message>
        <source>unsupported database URL &apos;%1&apos;: give a file path or postgresql://USER@HOST:PORT/DATABASE</source>
        <translation>不支持的数据库 URL“%1”：请给出文件路径或 postgresql://用户@主机:端口/数据库</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::CoverageCommand</name>
    <message>
        <source>List stored series with their covered ranges, counts and gaps.</source>
        <translation>列出已存储的序列及其覆盖区间、数量和缺口。</translation>
    </message>
    <message>
        <source>no series stored in %1</source>
        <translation>%1 中没有已存储的序列</translation>
    </message>
    <message>
        <source>%1  candles %2  missing %3  no-trade/downtime %4</source>
        <translation>%1  K线 %2  缺失 %3  无成交/停机 %4</translation>
    </message>
    <message>
        <source>  covered %1 .. %2</source>
        <translation>  已覆盖 %1 .. %2</translation>
    </message>
    <message>
        <source>  gap     %1 .. %2</source>
        <translation>  缺口   %1 .. %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::ExchangesCommand</name>
    <message>
        <source>List the exchanges, their markets and how each interval is obtained.</source>
        <translation>列出交易所、其市场以及每个周期的获取方式。</translation>
    </message>
    <message>
        <source>One JSON object per exchange.</source>
        <translation>每个交易所一个 JSON 对象。</translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>native</source>
        <translation>原生</translation>
    </message>
    <message>
        <source>built from %1</source>
        <translation>由 %1 构建</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::ExportCommand</name>
    <message>
        <source>Write stored candles as CSV or JSON Lines.</source>
        <translation>将已存储的K线写为 CSV 或 JSON Lines。</translation>
    </message>
    <message>
        <source>csv or jsonl (default jsonl).</source>
        <translation>csv 或 jsonl（默认 jsonl）。</translation>
    </message>
    <message>
        <source>unknown format &apos;%1&apos; (use csv or jsonl)</source>
        <translation>未知格式“%1”（请使用 csv 或 jsonl）</translation>
    </message>
    <message>
        <source>no stored candles for %1; run `candlewick-cli fetch` first</source>
        <translation>%1 没有已存储的K线；请先运行 `candlewick-cli fetch`</translation>
    </message>
    <message>
        <source>%1 is not fetched for %2 .. %3</source>
        <translation>%1 在 %2 .. %3 期间尚未下载</translation>
    </message>
    <message>
        <source>exported %1 candles</source>
        <translation>已导出 %1 根K线</translation>
    </message>
    <message>
        <source>exported %1 candles to %2</source>
        <translation>已导出 %1 根K线到 %2</translation>
    </message>
    <message>
        <source>Output file, - for stdout (default). A regular file is replaced only when complete; a pipe or device is written as a stream.</source>
        <translation>输出文件，- 表示标准输出（默认）。普通文件仅在写完后才替换；管道或设备以数据流方式写入。</translation>
    </message>
    <message>
        <source>Write the stored trades (record --trades) of --from .. --to instead of candles.</source>
        <translation>写出 --from .. --to 之间已存储的成交（record --trades），而不是 K 线。</translation>
    </message>
    <message>
        <source>no stored trades for %1 %2; run `candlewick-cli record --trades` first</source>
        <translation>%1 %2 没有已存储的成交；请先运行 `candlewick-cli record --trades`</translation>
    </message>
    <message>
        <source>trades of %1 %2 are not recorded for %3 .. %4</source>
        <translation>%1 %2 在 %3 .. %4 期间的成交未被记录</translation>
    </message>
    <message>
        <source>exported %1 trades</source>
        <translation>已导出 %1 笔成交</translation>
    </message>
    <message>
        <source>exported %1 trades to %2</source>
        <translation>已将 %1 笔成交导出到 %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::FetchCommand</name>
    <message>
        <source>Download candles into the local database (only what it lacks).</source>
        <translation>将K线下载到本地数据库（只下载缺少的部分）。</translation>
    </message>
    <message>
        <source>cannot get the symbol list of %1: %2</source>
        <translation>无法获取 %1 的交易对列表：%2</translation>
    </message>
    <message>
        <source>unknown symbol %1 on %2 (see `candlewick-cli symbols`)</source>
        <translation>%2 上没有交易对 %1（参见 `candlewick-cli symbols`）</translation>
    </message>
    <message>
        <source>%1: %2 candles stored, %3 requests, %4 s (all cached)</source>
        <translation>%1：已存储 %2 根K线，%3 次请求，%4 秒（全部已缓存）</translation>
    </message>
    <message>
        <source>%1: %2 candles stored, %3 requests, %4 s</source>
        <translation>%1：已存储 %2 根K线，%3 次请求，%4 秒</translation>
    </message>
    <message>
        <source>total: %1 candles stored, %2 requests, %3 s, range %4 .. %5</source>
        <translation>合计：已存储 %1 根K线，%2 次请求，%3 秒，区间 %4 .. %5</translation>
    </message>
    <message>
        <source>nothing to fetch yet: no %1 candle of %2 .. %3 has closed (now %4)</source>
        <translation>暂无可下载内容：%2 .. %3 内尚无已收盘的 %1 K线（现在 %4）</translation>
    </message>
    <message>
        <source>Where candles come from: auto (whole past days from the exchange&apos;s public archive, the rest over REST), rest or archive. Default: auto.</source>
        <translation>K 线来源：auto（过去的整天取自交易所公开归档，其余通过 REST）、rest 或 archive。默认：auto。</translation>
    </message>
    <message>
        <source>unknown --source &apos;%1&apos; (auto, rest or archive)</source>
        <translation>未知的 --source“%1”（auto、rest 或 archive）</translation>
    </message>
    <message>
        <source>the archive of %1 has no %2 files</source>
        <translation>%1 的归档没有 %2 文件</translation>
    </message>
    <message>
        <source>%1 has no public archive here (with a REST URL of your own, give --archive-url too)</source>
        <translation>%1 在此没有公开归档（使用自己的 REST URL 时，请同时指定 --archive-url）</translation>
    </message>
    <message>
        <source>whole past days come from the public archive %1 (checksummed files)</source>
        <translation>过去的整天取自公开归档 %1（带校验和的文件）</translation>
    </message>
    <message>
        <source>the public archive has these candles as files: --source auto (or `candlewick-cli import`) is much faster</source>
        <translation>公开归档以文件形式提供这些 K 线：--source auto（或 `candlewick-cli import`）要快得多</translation>
    </message>
    <message>
        <source>%1; fetching over REST instead</source>
        <translation>%1；改为通过 REST 下载</translation>
    </message>
    <message>
        <source>%1: archive: %2</source>
        <translation>%1：归档：%2</translation>
    </message>
    <message>
        <source>some archive files could not be imported</source>
        <translation>部分归档文件无法导入</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::FetchEstimate</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>large download: %1 candles, about %2 on disk</source>
        <translation>大量下载：%1 根K线，约占磁盘 %2</translation>
    </message>
    <message>
        <source>large download: %1 candles in %2 requests, about %3 at the request budget of %4 weight per %5, about %6 on disk</source>
        <translation>大量下载：%1 根K线，%2 次请求，按每 %5 %4 权重的请求额度约需 %3，约占磁盘 %6</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::ImportCommand</name>
    <message>
        <source>Import candles from the exchange&apos;s public archive (whole days, checksummed).</source>
        <translation>从交易所公开归档导入 K 线（整天，带校验和）。</translation>
    </message>
    <message>
        <source>Import an archive file you downloaded (SYMBOL-INTERVAL-YYYY-MM[-DD].zip; its .CHECKSUM beside it is checked). May be repeated.</source>
        <translation>导入已下载的归档文件（SYMBOL-INTERVAL-YYYY-MM[-DD].zip；会校验旁边的 .CHECKSUM）。可重复指定。</translation>
    </message>
    <message>
        <source>%1: %2/%3 files, %4 MB, %5 candles, %6 candles/s</source>
        <translation>%1：%2/%3 个文件，%4 MB，%5 根 K 线，%6 根/秒</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>warning: %1 (fetched over REST instead)</source>
        <translation>警告：%1（已改为通过 REST 下载）</translation>
    </message>
    <message>
        <source>%1 files, %2 candles stored, %3 MB, %4 s (%5 candles/s)</source>
        <translation>%1 个文件，已存储 %2 根 K 线，%3 MB，%4 秒（%5 根/秒）</translation>
    </message>
    <message>
        <source>%1 has no public archive here (with a REST URL of your own, give --archive-url too)</source>
        <translation>%1 在此没有公开归档（使用自己的 REST URL 时，请同时指定 --archive-url）</translation>
    </message>
    <message>
        <source>the archive of %1 has no %2 files (use `candlewick-cli fetch`)</source>
        <translation>%1 的归档没有 %2 文件（请使用 `candlewick-cli fetch`）</translation>
    </message>
    <message>
        <source>files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>%1: no .CHECKSUM beside it, imported without checking</source>
        <translation>%1：旁边没有 .CHECKSUM，未经校验即导入</translation>
    </message>
    <message>
        <source>%1: files not in the archive: %2</source>
        <translation>%1：归档中没有的文件：%2</translation>
    </message>
    <message>
        <source>%1: %2 .. %3 is not in a published whole day: left to REST (`candlewick-cli fetch`)</source>
        <translation>%1：%2 .. %3 不在已发布的整天内：留给 REST（`candlewick-cli fetch`）</translation>
    </message>
    <message>
        <source>%1: %2 .. %3 is not in the archive: left to REST (`candlewick-cli fetch`)</source>
        <translation>%1：%2 .. %3 不在归档中：留给 REST（`candlewick-cli fetch`）</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::Options</name>
    <message>
        <source>SQLite database file or postgresql://USER@HOST:PORT/DATABASE URL (default: %1).</source>
        <translation>SQLite 数据库文件或 postgresql://用户@主机:端口/数据库 URL（默认：%1）。</translation>
    </message>
    <message>
        <source>Symbol, or a comma list (BTCUSDT,ETHUSDT).</source>
        <translation>交易对，或逗号分隔的列表（BTCUSDT,ETHUSDT）。</translation>
    </message>
    <message>
        <source>Candle interval: 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M (default 1m).</source>
        <translation>K线周期：1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M（默认 1m）。</translation>
    </message>
    <message>
        <source>Start, inclusive, UTC (2024-03-01 or 2024-03-01T00:00:00Z).</source>
        <translation>开始时间，包含，UTC（2024-03-01 或 2024-03-01T00:00:00Z）。</translation>
    </message>
    <message>
        <source>End, exclusive, UTC.</source>
        <translation>结束时间，不包含，UTC。</translation>
    </message>
    <message>
        <source>unknown exchange &apos;%1&apos; (known: %2)</source>
        <translation>未知交易所“%1”（已知：%2）</translation>
    </message>
    <message>
        <source>invalid symbol &apos;%1&apos;</source>
        <translation>无效的交易对“%1”</translation>
    </message>
    <message>
        <source>--symbol is required (for example --symbol BTCUSDT)</source>
        <translation>必须指定 --symbol（例如 --symbol BTCUSDT）</translation>
    </message>
    <message>
        <source>unknown interval &apos;%1&apos; (use one of %2)</source>
        <translation>未知周期“%1”（请使用以下之一：%2）</translation>
    </message>
    <message>
        <source>--from and --to are required (UTC, e.g. --from 2024-03-01 --to 2024-06-01)</source>
        <translation>必须指定 --from 和 --to（UTC，例如 --from 2024-03-01 --to 2024-06-01）</translation>
    </message>
    <message>
        <source>cannot read --from &apos;%1&apos; (use 2024-03-01 or 2024-03-01T00:00:00Z)</source>
        <translation>无法识别 --from“%1”（请使用 2024-03-01 或 2024-03-01T00:00:00Z）</translation>
    </message>
    <message>
        <source>cannot read --to &apos;%1&apos; (use 2024-06-01 or 2024-06-01T00:00:00Z)</source>
        <translation>无法识别 --to“%1”（请使用 2024-06-01 或 2024-06-01T00:00:00Z）</translation>
    </message>
    <message>
        <source>--to (%1) must be after --from (%2)</source>
        <translation>--to（%1）必须晚于 --from（%2）</translation>
    </message>
    <message>
        <source>invalid REST URL &apos;%1&apos;</source>
        <translation>无效的 REST URL“%1”</translation>
    </message>
    <message>
        <source>invalid WebSocket URL &apos;%1&apos;</source>
        <translation>无效的 WebSocket URL“%1”</translation>
    </message>
    <message>
        <source>--%1 %2 read as milliseconds is %3: seconds? use a date (2024-03-01) or milliseconds (1709251200000)</source>
        <translation>--%1 %2 按毫秒解读为 %3：是秒吗？请使用日期（2024-03-01）或毫秒（1709251200000）</translation>
    </message>
    <message>
        <source>--%1 %2 is outside the time candles can have (2009-01-01 .. 2200-01-01)</source>
        <translation>--%1 %2 超出K线可能的时间范围（2009-01-01 .. 2200-01-01）</translation>
    </message>
    <message>
        <source>The exchange&apos;s REST base URL (env CANDLEWICK_&lt;EXCHANGE&gt;_REST_URL; defaults: see `candlewick-cli exchanges`).</source>
        <translation>交易所的 REST 基础 URL（环境变量 CANDLEWICK_&lt;EXCHANGE&gt;_REST_URL；默认值见 `candlewick-cli exchanges`）。</translation>
    </message>
    <message>
        <source>The exchange&apos;s WebSocket base URL (env CANDLEWICK_&lt;EXCHANGE&gt;_WS_URL; defaults: see `candlewick-cli exchanges`).</source>
        <translation>交易所的 WebSocket 基础 URL（环境变量 CANDLEWICK_&lt;EXCHANGE&gt;_WS_URL；默认值见 `candlewick-cli exchanges`）。</translation>
    </message>
    <message>
        <source>Exchange: %1 (default %2; %3 needs no network).</source>
        <translation>交易所：%1（默认 %2；%3 无需网络）。</translation>
    </message>
    <message>
        <source>--speed must be a factor from %1 to %2 or max, not &apos;%3&apos;</source>
        <translation>--speed 必须是 %1 到 %2 之间的倍数或 max，而不是“%3”</translation>
    </message>
    <message>
        <source>The base URL of the exchange&apos;s public archive (env CANDLEWICK_&lt;EXCHANGE&gt;_ARCHIVE_URL; Binance: https://data.binance.vision, unless --rest-url is another server).</source>
        <translation>交易所公开归档的基础 URL（环境变量 CANDLEWICK_&lt;EXCHANGE&gt;_ARCHIVE_URL；币安：https://data.binance.vision，除非 --rest-url 指向其他服务器）。</translation>
    </message>
    <message>
        <source>invalid archive URL &apos;%1&apos;</source>
        <translation>无效的归档 URL“%1”</translation>
    </message>
    <message>
        <source>unknown interval &apos;%1&apos; in %2 (use one of %3)</source>
        <translation>%2 中有未知周期“%1”（请使用以下之一：%3）</translation>
    </message>
    <message>
        <source>%1 is empty (for example %1 1m)</source>
        <translation>%1 为空（例如 %1 1m）</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::OutputFile</name>
    <message>
        <source>it is a directory</source>
        <translation>这是一个目录</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::PluginOptions</name>
    <message>
        <source>Also look for strategy plugins here (repeatable).</source>
        <translation>也在此目录中查找策略插件（可重复）。</translation>
    </message>
    <message>
        <source>skipped plugin %1: %2</source>
        <translation>已跳过插件 %1：%2</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::ProgressPrinter</name>
    <message>
        <source> ETA %1 s</source>
        <translation> 剩余 %1 秒</translation>
    </message>
    <message>
        <source>%1 %2% %3 candles %4/s%5</source>
        <translation>%1 %2% %3 根K线 %4/秒%5</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::RebuildCommand</name>
    <message>
        <source>Rebuild candles of any interval from stored trades (--from-trades).</source>
        <translation>从已存储的成交重建任意周期的 K 线（--from-trades）。</translation>
    </message>
    <message>
        <source>Build the candles from the trades `record --trades` stored (the only source so far).</source>
        <translation>用 `record --trades` 存储的成交构建 K 线（目前唯一的来源）。</translation>
    </message>
    <message>
        <source>say what to rebuild from: --from-trades</source>
        <translation>请指定重建的来源：--from-trades</translation>
    </message>
    <message>
        <source>unknown interval &apos;%1&apos;</source>
        <translation>未知周期“%1”</translation>
    </message>
    <message>
        <source>no stored trades for %1 %2; run `candlewick-cli record --trades` first</source>
        <translation>%1 %2 没有已存储的成交；请先运行 `candlewick-cli record --trades`</translation>
    </message>
    <message>
        <source>trades of %1 are not recorded for %2 .. %3</source>
        <translation>%1 在 %2 .. %3 期间的成交未被记录</translation>
    </message>
    <message>
        <source>rebuilt %1 candles from trades</source>
        <translation>已从成交重建 %1 根 K 线</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::RecordCommand</name>
    <message>
        <source>Symbols to record, a comma list (BTCUSDT,ETHUSDT).</source>
        <translation>要录制的交易对，逗号分隔的列表（BTCUSDT,ETHUSDT）。</translation>
    </message>
    <message>
        <source>Several intervals, a comma list (1m,1s); overrides --interval.</source>
        <translation>多个周期，逗号分隔的列表（1m,1s）；覆盖 --interval。</translation>
    </message>
    <message>
        <source>Stop after this long: 90s, 10m, 2h (default: until SIGINT/SIGTERM).</source>
        <translation>录制这么久后停止：90s、10m、2h（默认：直到 SIGINT/SIGTERM）。</translation>
    </message>
    <message>
        <source>Also store the forming candle&apos;s updates (kept apart from closed candles).</source>
        <translation>同时存储形成中K线的更新（与已收盘K线分开保存）。</translation>
    </message>
    <message>
        <source>Print each closed candle on stdout as a JSON line once it is stored.</source>
        <translation>每根已收盘K线存储后，以 JSON 行输出到 stdout。</translation>
    </message>
    <message>
        <source>Seconds between status lines on stderr (default 5).</source>
        <translation>stderr 上状态行之间的秒数（默认 5）。</translation>
    </message>
    <message>
        <source>%1, %2 msg/s, %3 closed stored, %4 gaps backfilled (%5 candles), %6 reconnects, %7 rejected frames, last %8</source>
        <translation>%1，%2 条消息/秒，已存储 %3 根已收盘K线，已回补 %4 个缺口（%5 根K线），%6 次重连，%7 个被拒绝的帧，最新 %8</translation>
    </message>
    <message>
        <source>Record live candles into the local database, gap-free.</source>
        <translation>将实时K线无缺口地录制到本地数据库。</translation>
    </message>
    <message>
        <source>bad --duration &apos;%1&apos; (use e.g. 90s, 10m, 2h)</source>
        <translation>无效的 --duration“%1”（请使用例如 90s、10m、2h）</translation>
    </message>
    <message>
        <source>bad --status-every (whole seconds, at least 1)</source>
        <translation>无效的 --status-every（整数秒，至少为 1）</translation>
    </message>
    <message>
        <source>cannot write to the database: %1</source>
        <translation>无法写入数据库：%1</translation>
    </message>
    <message>
        <source>%1 x %2 interval(s) into %3 from %4</source>
        <translation>%1 x %2 个周期，写入 %3，来源 %4</translation>
    </message>
    <message>
        <source>recorded %1 closed candles, %2 backfilled, %3 reconnects</source>
        <translation>已录制 %1 根已收盘K线，回补 %2 根，%3 次重连</translation>
    </message>
    <message>
        <source>%1 has no live feed</source>
        <translation>%1 没有实时行情</translation>
    </message>
    <message>
        <source>Record the symbols&apos; raw trades (id, time, price, size, side) instead of candles; --json prints each stored trade.</source>
        <translation>记录交易对的原始成交（ID、时间、价格、数量、方向）而不是 K 线；--json 输出每笔已存储的成交。</translation>
    </message>
    <message>
        <source>%1 has no trade feed</source>
        <translation>%1 没有成交数据流</translation>
    </message>
    <message>
        <source>%1, %2 trades stored, %3 losses, %4 reconnects, %5 rejected frames, last %6</source>
        <translation>%1，已存储 %2 笔成交，%3 次丢失，%4 次重连，%5 个被拒绝的帧，最近 %6</translation>
    </message>
    <message>
        <source>trades of %1 into %2 from %3</source>
        <translation>%1 的成交写入 %2，来源 %3</translation>
    </message>
    <message>
        <source>recorded %1 trades, %2 losses</source>
        <translation>已记录 %1 笔成交，%2 次丢失</translation>
    </message>
    <message>
        <source>, %1 writing, %2 standing by</source>
        <translation>，%1 个写入中，%2 个待命</translation>
    </message>
    <message>
        <source>%1 writing</source>
        <translation>%1 写入中</translation>
    </message>
    <message>
        <source>%1 standing by (another recorder writes it)</source>
        <translation>%1 待命（由另一个记录进程写入）</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::ReplayCommand</name>
    <message>
        <source>Replay stored candles into a strategy plugin; signals as JSON lines.</source>
        <translation>将已存储的K线回放给策略插件；信号以 JSON 行输出。</translation>
    </message>
    <message>
        <source>Strategy plugin name (see `strategies`).</source>
        <translation>策略插件名称（参见 `strategies`）。</translation>
    </message>
    <message>
        <source>A strategy parameter, name=value (repeatable).</source>
        <translation>策略参数，name=value（可重复）。</translation>
    </message>
    <message>
        <source>replay takes one --symbol, not %1</source>
        <translation>replay 只接受一个 --symbol，而不是 %1</translation>
    </message>
    <message>
        <source>--strategy is required (see `candlewick-cli strategies`)</source>
        <translation>必须指定 --strategy（参见 `candlewick-cli strategies`）</translation>
    </message>
    <message>
        <source>unknown strategy &apos;%1&apos; (found: %2; searched %3)</source>
        <translation>未知策略“%1”（找到：%2；已搜索 %3）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>no stored candles for %1 in that range; run `candlewick-cli fetch` first</source>
        <translation>%1 在该区间内没有已存储的K线；请先运行 `candlewick-cli fetch`</translation>
    </message>
    <message>
        <source>Replay speed: a factor from %1 to %2 (1 = real time, 60, 10000) or max (default).</source>
        <translation>回放速度：%1 到 %2 之间的倍数（1 = 实时，60，10000）或 max（默认）。</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::ServeCommand</name>
    <message>
        <source>Serve stored candles as a Binance-compatible local exchange (REST + WebSocket).</source>
        <translation>将已存储的K线作为兼容 Binance 的本地交易所提供（REST + WebSocket）。</translation>
    </message>
    <message>
        <source>With --live: the intervals to record, a comma list (default 1m).</source>
        <translation>配合 --live：要录制的周期，逗号分隔（默认 1m）。</translation>
    </message>
    <message>
        <source>TCP port (default 0: any free port).</source>
        <translation>TCP 端口（默认 0：任意空闲端口）。</translation>
    </message>
    <message>
        <source>Address to listen on (default 127.0.0.1; anything else is reachable from other machines).</source>
        <translation>监听地址（默认 127.0.0.1；其他地址可被其他机器访问）。</translation>
    </message>
    <message>
        <source>Require this value in the X-Candlewick-Token header of every request.</source>
        <translation>要求每个请求的 X-Candlewick-Token 头包含此值。</translation>
    </message>
    <message>
        <source>Most connections at once, REST and WebSocket (default 64).</source>
        <translation>同时连接的最大数量，REST 与 WebSocket 合计（默认 64）。</translation>
    </message>
    <message>
        <source>Record these symbols live (a comma list) and stream them to the clients.</source>
        <translation>实时录制这些交易对（逗号分隔）并推送给客户端。</translation>
    </message>
    <message>
        <source>Replay stored candles; the server&apos;s clock is the replay&apos;s.</source>
        <translation>回放已存储的K线；服务器时钟即回放时钟。</translation>
    </message>
    <message>
        <source>Replay speed: a factor (1 = real time, 600) or max (default 1).</source>
        <translation>回放速度：倍率（1 = 实时，600）或 max（默认 1）。</translation>
    </message>
    <message>
        <source>Start the replay paused.</source>
        <translation>以暂停状态开始回放。</translation>
    </message>
    <message>
        <source>Replay only these symbols (default: every stored series in the range).</source>
        <translation>仅回放这些交易对（默认：该时间范围内所有已存储的序列）。</translation>
    </message>
    <message>
        <source>bad --bind &apos;%1&apos; (an IP address, e.g. 127.0.0.1)</source>
        <translation>无效的 --bind“%1”（应为 IP 地址，例如 127.0.0.1）</translation>
    </message>
    <message>
        <source>bad --port (0 to 65535)</source>
        <translation>无效的 --port（0 到 65535）</translation>
    </message>
    <message>
        <source>bad --max-clients (1 to 100000)</source>
        <translation>无效的 --max-clients（1 到 100000）</translation>
    </message>
    <message>
        <source>--replay and --live cannot be combined</source>
        <translation>--replay 与 --live 不能同时使用</translation>
    </message>
    <message>
        <source>no stored candles of %1 in that range; run `candlewick-cli fetch` first</source>
        <translation>该时间范围内没有 %1 的已存储K线；请先运行 `candlewick-cli fetch`</translation>
    </message>
    <message>
        <source>%1 has no live feed</source>
        <translation>%1 没有实时行情</translation>
    </message>
    <message>
        <source>cannot listen on %1:%2: %3</source>
        <translation>无法在 %1:%2 上监听：%3</translation>
    </message>
    <message>
        <source>listening on %1: reachable from other machines%2</source>
        <translation>正在 %1 上监听：其他机器可以访问%2</translation>
    </message>
    <message>
        <source>; without --token the control endpoints stay closed</source>
        <translation>；未设置 --token 时控制端点保持关闭</translation>
    </message>
    <message>
        <source>cannot write to the database: %1</source>
        <translation>无法写入数据库：%1</translation>
    </message>
    <message>
        <source>%1 on port %2 from %3</source>
        <translation>%1，端口 %2，数据来自 %3</translation>
    </message>
    <message>
        <source>replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>stored candles</source>
        <translation>已存储的K线</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::StrategiesCommand</name>
    <message>
        <source>List the strategy plugins found and their parameters.</source>
        <translation>列出找到的策略插件及其参数。</translation>
    </message>
    <message>
        <source>One JSON object per strategy.</source>
        <translation>每个策略输出一个 JSON 对象。</translation>
    </message>
    <message>
        <source>no strategy plugins found in: %1</source>
        <translation>在以下位置未找到策略插件：%1</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::SymbolsCommand</name>
    <message>
        <source>List the exchange&apos;s tradable symbols.</source>
        <translation>列出交易所可交易的交易对。</translation>
    </message>
    <message>
        <source>Only symbols quoted in this asset (USDT).</source>
        <translation>仅列出以该资产计价的交易对（USDT）。</translation>
    </message>
    <message>
        <source>Include symbols that are not trading.</source>
        <translation>包括未在交易的交易对。</translation>
    </message>
    <message>
        <source>Download the list even if the cached one is fresh.</source>
        <translation>即使缓存的列表仍是最新的，也重新下载。</translation>
    </message>
    <message>
        <source>cannot get the symbol list of %1: %2</source>
        <translation>无法获取 %1 的交易对列表：%2</translation>
    </message>
    <message>
        <source>%1 symbols</source>
        <translation>%1 个交易对</translation>
    </message>
</context>
<context>
    <name>Candlewick::Cli::WatchCommand</name>
    <message>
        <source>Print closed candles as JSON lines the moment they are stored.</source>
        <translation>K线一经存储即以 JSON 行输出。</translation>
    </message>
    <message>
        <source>Symbols to watch, a comma list (BTCUSDT,ETHUSDT).</source>
        <translation>要关注的交易对，逗号分隔（BTCUSDT,ETHUSDT）。</translation>
    </message>
    <message>
        <source>First print the stored candles from this time (UTC, inclusive), then continue live.</source>
        <translation>先输出自该时间起（UTC，含）的已存储K线，然后继续实时输出。</translation>
    </message>
    <message>
        <source>Milliseconds between checks of the database for new commits (default 20; PostgreSQL notifies commits instead).</source>
        <translation>检查数据库新提交的间隔毫秒数（默认 20；PostgreSQL 改为通知提交）。</translation>
    </message>
    <message>
        <source>bad --from &apos;%1&apos; (use 2024-03-01, 2024-03-01T12:00:00Z or ms)</source>
        <translation>无效的 --from“%1”（请使用 2024-03-01、2024-03-01T12:00:00Z 或毫秒数）</translation>
    </message>
    <message>
        <source>bad --poll-ms (1 to 60000)</source>
        <translation>无效的 --poll-ms（1 到 60000）</translation>
    </message>
    <message>
        <source>%1 %2 in %3</source>
        <translation>%1 %2，位于 %3</translation>
    </message>
    <message>
        <source>cannot read the database: %1</source>
        <translation>无法读取数据库：%1</translation>
    </message>
</context>
</TS>
