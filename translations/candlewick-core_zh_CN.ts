<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Candlewick::BinanceArchive</name>
    <message>
        <source>%1 is not named like a kline file of the Binance archive (SYMBOL-INTERVAL-YYYY-MM.zip or SYMBOL-INTERVAL-YYYY-MM-DD.zip)</source>
        <translation>%1 的文件名不符合币安归档 K 线文件的格式（SYMBOL-INTERVAL-YYYY-MM.zip 或 SYMBOL-INTERVAL-YYYY-MM-DD.zip）</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1：文件不存在</translation>
    </message>
</context>
<context>
    <name>Candlewick::BinanceArchiveChecksum</name>
    <message>
        <source>not a checksum file (expected &quot;&lt;sha256&gt;  %1&quot;)</source>
        <translation>不是校验和文件（应为“&lt;sha256&gt;  %1”）</translation>
    </message>
    <message>
        <source>the checksum is for %1, not %2</source>
        <translation>该校验和属于 %1，而不是 %2</translation>
    </message>
    <message>
        <source>checksum mismatch: SHA-256 %1, the .CHECKSUM says %2</source>
        <translation>校验和不匹配：SHA-256 为 %1，.CHECKSUM 中为 %2</translation>
    </message>
</context>
<context>
    <name>Candlewick::BinanceArchiveCsv</name>
    <message>
        <source>open time is not an integer</source>
        <translation>开盘时间不是整数</translation>
    </message>
    <message>
        <source>field %1 is not a decimal number</source>
        <translation>字段 %1 不是十进制数</translation>
    </message>
    <message>
        <source>close time is not an integer</source>
        <translation>收盘时间不是整数</translation>
    </message>
    <message>
        <source>field 8 (trades) is not an integer</source>
        <translation>字段 8（成交笔数）不是整数</translation>
    </message>
    <message>
        <source>fields 9 and 10 are not decimal numbers</source>
        <translation>字段 9 和 10 不是十进制数</translation>
    </message>
    <message>
        <source>not a kline row</source>
        <translation>不是 K 线行</translation>
    </message>
    <message>
        <source>open time %1 outside the file&apos;s range</source>
        <translation>开盘时间 %1 超出文件的时间范围</translation>
    </message>
    <message>
        <source>open time %1 not after the previous row&apos;s</source>
        <translation>开盘时间 %1 不晚于上一行的开盘时间</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>%1 fields, expected %2</source>
        <translation>%1 个字段，应为 %2 个</translation>
    </message>
</context>
<context>
    <name>Candlewick::BinanceArchiveJob</name>
    <message>
        <source>cannot create a temporary directory for the downloads: %1</source>
        <translation>无法为下载创建临时目录：%1</translation>
    </message>
    <message>
        <source>cannot reach the archive %1: %2</source>
        <translation>无法连接归档 %1：%2</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>%1 秒内无应答</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>%1: invalid candles skipped: %2 (%3)</source>
        <translation>%1：已跳过无效 K 线：%2（%3）</translation>
    </message>
    <message>
        <source>archive files that could not be imported: %1</source>
        <translation>无法导入的归档文件：%1</translation>
    </message>
</context>
<context>
    <name>Candlewick::BinanceArchiveZip</name>
    <message>
        <source>invalid deflate block</source>
        <translation>无效的 deflate 块</translation>
    </message>
    <message>
        <source>invalid deflate symbol</source>
        <translation>无效的 deflate 符号</translation>
    </message>
    <message>
        <source>invalid deflate distance</source>
        <translation>无效的 deflate 距离</translation>
    </message>
    <message>
        <source>deflate error %1</source>
        <translation>deflate 错误 %1</translation>
    </message>
    <message>
        <source>not a readable zip file (%1)</source>
        <translation>不是可读的 zip 文件（%1）</translation>
    </message>
    <message>
        <source>%1 entries in the zip, expected one CSV</source>
        <translation>zip 中有 %1 个条目，应只有一个 CSV</translation>
    </message>
    <message>
        <source>cannot read %1 in the zip (%2)</source>
        <translation>无法读取 zip 中的 %1（%2）</translation>
    </message>
    <message>
        <source>cannot read %1 in the zip (compression method %2%3)</source>
        <translation>无法读取 zip 中的 %1（压缩方法 %2%3）</translation>
    </message>
    <message>
        <source>, encrypted</source>
        <translation>，已加密</translation>
    </message>
    <message>
        <source>the compressed data of %1 ends early</source>
        <translation>%1 的压缩数据提前结束</translation>
    </message>
    <message>
        <source>%1 has %2 bytes, the zip says %3</source>
        <translation>%1 有 %2 字节，zip 中记录为 %3</translation>
    </message>
    <message>
        <source>CRC error in %1</source>
        <translation>%1 中 CRC 错误</translation>
    </message>
    <message>
        <source>damaged zip: %1</source>
        <translation>zip 已损坏：%1</translation>
    </message>
    <message>
        <source>the download stopped</source>
        <translation>下载已中断</translation>
    </message>
</context>
<context>
    <name>Candlewick::BinanceErrors</name>
    <message>
        <source>Binance banned this IP for %1 s for sending requests while rate limited (HTTP 418): wait, then run fewer downloads at once</source>
        <translation>Binance 因在限流期间仍发送请求而封禁此 IP %1 秒（HTTP 418）：请等待，然后减少同时进行的下载</translation>
    </message>
    <message>
        <source>Binance rate limit reached (HTTP %1): wait %2 s before retrying</source>
        <translation>已达到 Binance 的频率限制（HTTP %1）：请等待 %2 秒后重试</translation>
    </message>
    <message>
        <source>Binance refused access (HTTP 403, firewall or region block): check your network or VPN, or point --rest-url at another endpoint such as https://data-api.binance.vision</source>
        <translation>Binance 拒绝访问（HTTP 403，防火墙或地区限制）：请检查网络或 VPN，或将 --rest-url 指向其他端点，例如 https://data-api.binance.vision</translation>
    </message>
    <message>
        <source>Binance server error (HTTP %1%2): the exchange is having trouble; try again later</source>
        <translation>Binance 服务器错误（HTTP %1%2）：交易所出现故障；请稍后重试</translation>
    </message>
    <message>
        <source>Unknown symbol %1 on Binance: check the spelling or run `candlewick-cli symbols`</source>
        <translation>Binance 上没有交易对 %1：请检查拼写或运行 `candlewick-cli symbols`</translation>
    </message>
    <message>
        <source>Binance does not accept interval %1: use one of 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M</source>
        <translation>Binance 不接受周期 %1：请使用 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M 之一</translation>
    </message>
    <message>
        <source>HTTP 404 for %1: is the REST base URL (--rest-url) a Binance-compatible API?</source>
        <translation>%1 返回 HTTP 404：REST 基础 URL（--rest-url）是兼容 Binance 的 API 吗？</translation>
    </message>
    <message>
        <source>Binance rejected the request (HTTP %1, %2): check the symbol, interval and time range</source>
        <translation>Binance 拒绝了请求（HTTP %1，%2）：请检查交易对、周期和时间范围</translation>
    </message>
    <message>
        <source>(empty body)</source>
        <translation>（空响应体）</translation>
    </message>
    <message>
        <source>code %1: %2</source>
        <translation>代码 %1：%2</translation>
    </message>
    <message>
        <source>Unexpected HTTP %1 from %2: %3</source>
        <translation>%2 返回意外的 HTTP %1：%3</translation>
    </message>
</context>
<context>
    <name>Candlewick::BinanceRestProvider</name>
    <message>
        <source>exchangeInfo without REQUEST_WEIGHT rate limits</source>
        <translation>exchangeInfo 中没有 REQUEST_WEIGHT 频率限制</translation>
    </message>
</context>
<context>
    <name>Candlewick::BinanceSymbolsJob</name>
    <message>
        <source>exchangeInfo is not a JSON object</source>
        <translation>exchangeInfo 不是 JSON 对象</translation>
    </message>
    <message>
        <source>exchangeInfo has no symbols array</source>
        <translation>exchangeInfo 没有 symbols 数组</translation>
    </message>
    <message>
        <source>a symbol entry has no name</source>
        <translation>某个交易对条目没有名称</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>JSON 无效：%1</translation>
    </message>
</context>
<context>
    <name>Candlewick::BybitApi</name>
    <message>
        <source>not a Bybit v5 response (no retCode): %1</source>
        <translation>不是 Bybit v5 响应（没有 retCode）：%1</translation>
    </message>
    <message>
        <source>unexpected data after the response</source>
        <translation>响应之后有意外的数据</translation>
    </message>
    <message>
        <source>instruments-info result without a list</source>
        <translation>instruments-info 结果中没有列表</translation>
    </message>
    <message>
        <source>an instrument has no symbol</source>
        <translation>某个合约没有交易对代码</translation>
    </message>
    <message>
        <source>Bybit refused access (HTTP 403: too many requests from this IP, or a blocked region): Bybit bans an IP for at least 10 minutes, nothing is sent before then%1</source>
        <translation>Bybit 拒绝访问（HTTP 403：此 IP 请求过多，或地区被封锁）：Bybit 会封禁 IP 至少 10 分钟，在此之前不会发送任何请求%1</translation>
    </message>
    <message>
        <source>Bybit system frequency protection (HTTP 429): retrying later</source>
        <translation>Bybit 系统频率保护（HTTP 429）：稍后重试</translation>
    </message>
    <message>
        <source>Bybit server error (HTTP %1): the exchange is having trouble, try again later</source>
        <translation>Bybit 服务器错误（HTTP %1）：交易所出现故障，请稍后重试</translation>
    </message>
    <message>
        <source>HTTP 404 for %1: is the REST base URL (--rest-url) a Bybit v5 API?</source>
        <translation>%1 返回 HTTP 404：REST 基础 URL（--rest-url）是 Bybit v5 API 吗？</translation>
    </message>
    <message>
        <source>(empty body)</source>
        <translation>（空响应体）</translation>
    </message>
    <message>
        <source>Bad response from %1: %2</source>
        <translation>%1 的响应有误：%2</translation>
    </message>
    <message>
        <source>Bybit rate limit reached (retCode 10006, %1)</source>
        <translation>已达到 Bybit 的频率限制（retCode 10006，%1）</translation>
    </message>
    <message>
        <source>Bybit server error (retCode %1, %2): try again later</source>
        <translation>Bybit 服务器错误（retCode %1，%2）：请稍后重试</translation>
    </message>
    <message>
        <source>Unknown symbol %1 on Bybit (%2): check the spelling or run `candlewick-cli symbols`</source>
        <translation>Bybit 上没有交易对 %1（%2）：请检查拼写或运行 `candlewick-cli symbols`</translation>
    </message>
    <message>
        <source>Bybit does not accept interval %1 (%2)</source>
        <translation>Bybit 不接受周期 %1（%2）</translation>
    </message>
    <message>
        <source>Bybit rejected the request to %1 (retCode %2: %3)</source>
        <translation>Bybit 拒绝了对 %1 的请求（retCode %2：%3）</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>kline push without a data array</source>
        <translation>K 线推送中没有 data 数组</translation>
    </message>
    <message>
        <source>kline push entry is malformed</source>
        <translation>K 线推送条目格式错误</translation>
    </message>
    <message>
        <source>kline push entry starts at an absurd time</source>
        <translation>K 线推送条目的开始时间不合理</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>JSON 无效：%1</translation>
    </message>
    <message>
        <source>Unexpected HTTP %1 from %2: %3</source>
        <translation>%2 返回意外的 HTTP %1：%3</translation>
    </message>
</context>
<context>
    <name>Candlewick::BybitHistoryJob</name>
    <message>
        <source>Bybit has no %1 candles</source>
        <translation>Bybit 没有 %1 K线</translation>
    </message>
    <message>
        <source>Bad kline response from Bybit: %1</source>
        <translation>Bybit 的 K 线响应有误：%1</translation>
    </message>
</context>
<context>
    <name>Candlewick::BybitKlinesParser</name>
    <message>
        <source>kline row %1 is not an array</source>
        <translation>K 线第 %1 行不是数组</translation>
    </message>
    <message>
        <source>kline row %1 is not seven numbers as strings</source>
        <translation>K 线第 %1 行不是七个字符串形式的数字</translation>
    </message>
    <message>
        <source>kline row %1 has %2 fields, expected 7</source>
        <translation>K 线第 %1 行有 %2 个字段，应为 7 个</translation>
    </message>
    <message>
        <source>kline row %1 starts at an absurd time</source>
        <translation>K 线第 %1 行的开始时间不合理</translation>
    </message>
    <message>
        <source>kline rows are not newest first</source>
        <translation>K 线行不是按最新在前排序</translation>
    </message>
    <message>
        <source>not a Bybit v5 response</source>
        <translation>不是 Bybit v5 响应</translation>
    </message>
    <message>
        <source>not a Bybit v5 response (retCode)</source>
        <translation>不是 Bybit v5 响应（retCode）</translation>
    </message>
    <message>
        <source>kline result is not an object</source>
        <translation>K 线结果不是对象</translation>
    </message>
    <message>
        <source>kline result without a list</source>
        <translation>K 线结果中没有列表</translation>
    </message>
    <message>
        <source>unexpected data after the response</source>
        <translation>响应之后有意外的数据</translation>
    </message>
    <message>
        <source>not a successful Bybit v5 response (retCode)</source>
        <translation>不是成功的 Bybit v5 响应（retCode）</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>JSON 无效：%1</translation>
    </message>
</context>
<context>
    <name>Candlewick::BybitLiveFeed</name>
    <message>
        <source>Bybit has no %1 candles: %2 not subscribed</source>
        <translation>Bybit 没有 %1 K线：未订阅 %2</translation>
    </message>
    <message>
        <source>No kline from Bybit for %1 s: reconnecting</source>
        <translation>Bybit 已 %1 秒没有 K 线：正在重新连接</translation>
    </message>
    <message>
        <source>Bybit sent a malformed message: %1</source>
        <translation>Bybit 发来格式错误的消息：%1</translation>
    </message>
    <message>
        <source>Bybit refused %1: %2</source>
        <translation>Bybit 拒绝了 %1：%2</translation>
    </message>
    <message>
        <source>Bybit WebSocket %1 closed</source>
        <translation>Bybit WebSocket %1 已关闭</translation>
    </message>
</context>
<context>
    <name>Candlewick::BybitSymbolsJob</name>
    <message>
        <source>Bad instruments-info response from Bybit: %1</source>
        <translation>Bybit 的 instruments-info 响应有误：%1</translation>
    </message>
</context>
<context>
    <name>Candlewick::CandleDatabase</name>
    <message>
        <source>Unsupported database URL scheme &apos;%1&apos; (use a file path or postgresql://USER@HOST:PORT/DATABASE)</source>
        <translation>不支持的数据库 URL 方案“%1”（请使用文件路径或 postgresql://用户@主机:端口/数据库）</translation>
    </message>
    <message>
        <source>Database is already open read-only in this process (%1)</source>
        <translation>该数据库已在本进程中以只读方式打开（%1）</translation>
    </message>
</context>
<context>
    <name>Candlewick::CandleValidation</name>
    <message>
        <source>%1 %2 outside 2009-01-01 .. 2200-01-01</source>
        <translation>%1 %2 超出 2009-01-01 .. 2200-01-01</translation>
    </message>
    <message>
        <source>non-finite value at %1</source>
        <translation>%1 处有非有限数值</translation>
    </message>
    <message>
        <source>non-positive price at %1</source>
        <translation>%1 处价格非正</translation>
    </message>
    <message>
        <source>low above open/close at %1</source>
        <translation>%1 处最低价高于开盘价/收盘价</translation>
    </message>
    <message>
        <source>high below open/close at %1</source>
        <translation>%1 处最高价低于开盘价/收盘价</translation>
    </message>
    <message>
        <source>negative volume or trade count at %1</source>
        <translation>%1 处成交量或成交笔数为负</translation>
    </message>
    <message>
        <source>open time %1 not aligned to %2</source>
        <translation>开盘时间 %1 未对齐到 %2</translation>
    </message>
    <message>
        <source>open time</source>
        <translation>开盘时间</translation>
    </message>
    <message>
        <source>close time</source>
        <translation>收盘时间</translation>
    </message>
</context>
<context>
    <name>Candlewick::CandleWatcher</name>
    <message>
        <source>cannot read %1</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>the database is not open</source>
        <translation>数据库未打开</translation>
    </message>
</context>
<context>
    <name>Candlewick::CoinbaseApi</name>
    <message>
        <source>not a JSON object: %1</source>
        <translation>不是 JSON 对象：%1</translation>
    </message>
    <message>
        <source>no candles array: %1</source>
        <translation>没有 candles 数组：%1</translation>
    </message>
    <message>
        <source>candle %1 is not a start time and five numbers as strings</source>
        <translation>K线 %1 不是一个开始时间加五个字符串形式的数字</translation>
    </message>
    <message>
        <source>two candles start at %1</source>
        <translation>有两根K线都从 %1 开始</translation>
    </message>
    <message>
        <source>no products array: %1</source>
        <translation>没有 products 数组：%1</translation>
    </message>
    <message>
        <source>a product has no product_id</source>
        <translation>某个产品没有 product_id</translation>
    </message>
    <message>
        <source>Coinbase throttled the request (HTTP %1%2): retrying later</source>
        <translation>Coinbase 对请求进行了限流（HTTP %1%2）：稍后重试</translation>
    </message>
    <message>
        <source>Coinbase server error (HTTP %1): the exchange is having trouble, try again later</source>
        <translation>Coinbase 服务器错误（HTTP %1）：交易所出现故障，请稍后重试</translation>
    </message>
    <message>
        <source>Unknown product %1 on Coinbase (%2): check the spelling (BTC-USD) or run `candlewick-cli symbols`</source>
        <translation>Coinbase 上没有产品 %1（%2）：请检查拼写（BTC-USD）或运行 `candlewick-cli symbols`</translation>
    </message>
    <message>
        <source>HTTP 404 for %1: is the REST base URL (--rest-url) the Coinbase Advanced Trade API?</source>
        <translation>%1 返回 HTTP 404：REST 基础 URL（--rest-url）是 Coinbase Advanced Trade API 吗？</translation>
    </message>
    <message>
        <source>Coinbase does not accept interval %1 (%2)</source>
        <translation>Coinbase 不接受周期 %1（%2）</translation>
    </message>
    <message>
        <source>Coinbase rejected the request to %1 (HTTP %2: %3)</source>
        <translation>Coinbase 拒绝了对 %1 的请求（HTTP %2：%3）</translation>
    </message>
    <message>
        <source>(empty body)</source>
        <translation>（空响应体）</translation>
    </message>
    <message>
        <source>sequence_num is not a whole number</source>
        <translation>sequence_num 不是整数</translation>
    </message>
    <message>
        <source>market_trades message without events</source>
        <translation>market_trades 消息中没有事件</translation>
    </message>
    <message>
        <source>market_trades event without trades</source>
        <translation>market_trades 事件中没有成交</translation>
    </message>
    <message>
        <source>a market_trades trade is malformed</source>
        <translation>某笔 market_trades 成交格式错误</translation>
    </message>
    <message>
        <source>market_trades message without a timestamp</source>
        <translation>market_trades 消息中没有时间戳</translation>
    </message>
    <message>
        <source>heartbeat without a timestamp</source>
        <translation>心跳消息中没有时间戳</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>JSON 无效：%1</translation>
    </message>
</context>
<context>
    <name>Candlewick::CoinbaseHistoryJob</name>
    <message>
        <source>Coinbase has no %1 candles</source>
        <translation>Coinbase 没有 %1 K线</translation>
    </message>
</context>
<context>
    <name>Candlewick::CoinbaseTradeFeed</name>
    <message>
        <source>Coinbase WebSocket connection lost; reconnecting</source>
        <translation>Coinbase WebSocket 连接已断开；正在重新连接</translation>
    </message>
    <message>
        <source>Coinbase WebSocket silent for %1 s; reconnecting</source>
        <translation>Coinbase WebSocket 已 %1 秒无消息；正在重新连接</translation>
    </message>
    <message>
        <source>Coinbase sent a malformed message (%1)</source>
        <translation>Coinbase 发送了格式错误的消息（%1）</translation>
    </message>
    <message>
        <source>Coinbase refused a request: %1</source>
        <translation>Coinbase 拒绝了请求：%1</translation>
    </message>
    <message>
        <source>Coinbase sent a trade with an unreadable price or size</source>
        <translation>Coinbase 发送了价格或数量无法读取的成交</translation>
    </message>
    <message>
        <source>Coinbase messages were lost (sequence %1 after %2); the minutes are taken from history</source>
        <translation>Coinbase 消息丢失（序号 %1 在 %2 之后）；这些分钟将从历史数据获取</translation>
    </message>
</context>
<context>
    <name>Candlewick::ConnectionState</name>
    <message>
        <source>Disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation>重新连接中</translation>
    </message>
    <message>
        <source>Backfilling</source>
        <translation>补数据中</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>Candlewick::ExchangeRestCall</name>
    <message>
        <source>%1 did not answer %2 in time</source>
        <translation>%1 未及时响应 %2</translation>
    </message>
    <message>
        <source>Cannot reach %1 at %2: %3</source>
        <translation>无法通过 %2 连接 %1：%3</translation>
    </message>
    <message>
        <source>Bad response from %1: %2</source>
        <translation>%1 的响应有误：%2</translation>
    </message>
</context>
<context>
    <name>Candlewick::GapFreeFeed</name>
    <message>
        <source>backfilling %1 from %2 to %3</source>
        <translation>正在回补 %1，从 %2 到 %3</translation>
    </message>
    <message>
        <source>backfill of %1 failed: %2</source>
        <translation>%1 回补失败：%2</translation>
    </message>
    <message>
        <source>giving up on the gap in %1 before %2</source>
        <translation>放弃 %1 在 %2 之前的缺口</translation>
    </message>
</context>
<context>
    <name>Candlewick::Job</name>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>Candlewick::KlineEventParser</name>
    <message>
        <source>trade of %1 does not match stream %2</source>
        <translation>%1 的成交与数据流 %2 不符</translation>
    </message>
    <message>
        <source>unknown event &quot;%1&quot;</source>
        <translation>未知事件“%1”</translation>
    </message>
    <message>
        <source>unknown interval &quot;%1&quot;</source>
        <translation>未知周期“%1”</translation>
    </message>
    <message>
        <source>payload %1 %2 does not match stream %3</source>
        <translation>数据 %1 %2 与数据流 %3 不符</translation>
    </message>
    <message>
        <source>close time %1 does not fit open time %2</source>
        <translation>收盘时间 %1 与开盘时间 %2 不符</translation>
    </message>
</context>
<context>
    <name>Candlewick::KlinesParser</name>
    <message>
        <source>number out of range</source>
        <translation>数字超出范围</translation>
    </message>
    <message>
        <source>not a decimal number: &quot;%1&quot;</source>
        <translation>不是十进制数：“%1”</translation>
    </message>
    <message>
        <source>expected a decimal string</source>
        <translation>应为十进制数字符串</translation>
    </message>
    <message>
        <source>expected an integer</source>
        <translation>应为整数</translation>
    </message>
    <message>
        <source>not a 64-bit integer</source>
        <translation>不是 64 位整数</translation>
    </message>
    <message>
        <source>expected a JSON array of klines</source>
        <translation>应为 K 线的 JSON 数组</translation>
    </message>
    <message>
        <source>row %1 is not an array</source>
        <translation>第 %1 行不是数组</translation>
    </message>
    <message>
        <source>invalid JSON at row %1: %2</source>
        <translation>第 %1 行的 JSON 无效：%2</translation>
    </message>
    <message>
        <source>unexpected data after the klines array</source>
        <translation>K 线数组之后有意外的数据</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>JSON 无效：%1</translation>
    </message>
    <message>
        <source>row %1, field %2 (%3): %4</source>
        <translation>第 %1 行，字段 %2（%3）：%4</translation>
    </message>
    <message>
        <source>row %1 has %2 fields, expected %3</source>
        <translation>第 %1 行有 %2 个字段，应为 %3 个</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>Candlewick::OkxErrors</name>
    <message>
        <source>OKX rate limit reached (%1): wait a little before retrying</source>
        <translation>已达到 OKX 的频率限制（%1）：请稍等后重试</translation>
    </message>
    <message>
        <source>OKX server error (%1): the exchange is having trouble; try again later</source>
        <translation>OKX 服务器错误（%1）：交易所出现故障；请稍后重试</translation>
    </message>
    <message>
        <source>Unknown symbol %1 on OKX: check the spelling or run `candlewick-cli symbols --exchange okx`</source>
        <translation>OKX 上没有交易对 %1：请检查拼写或运行 `candlewick-cli symbols --exchange okx`</translation>
    </message>
    <message>
        <source>OKX does not accept bar %1 (%2)</source>
        <translation>OKX 不接受 bar %1（%2）</translation>
    </message>
    <message>
        <source>OKX refused access (HTTP 403, firewall or region block): check your network, or point --rest-url at a regional host</source>
        <translation>OKX 拒绝访问（HTTP 403，防火墙或地区限制）：请检查网络，或将 --rest-url 指向地区性主机</translation>
    </message>
    <message>
        <source>HTTP 404 for %1: is the REST base URL (--rest-url) the OKX API?</source>
        <translation>%1 返回 HTTP 404：REST 基础 URL（--rest-url）是 OKX API 吗？</translation>
    </message>
    <message>
        <source>OKX rejected the request (HTTP %1, %2): check the symbol, interval and time range</source>
        <translation>OKX 拒绝了请求（HTTP %1，%2）：请检查交易对、周期和时间范围</translation>
    </message>
    <message>
        <source>code %1: %2</source>
        <translation>代码 %1：%2</translation>
    </message>
</context>
<context>
    <name>Candlewick::OkxHistoryJob</name>
    <message>
        <source>OKX has no native %1 candles</source>
        <translation>OKX 没有原生的 %1 K线</translation>
    </message>
    <message>
        <source>OKX sent malformed candles for %1: %2</source>
        <translation>OKX 发来 %1 的格式错误的K线：%2</translation>
    </message>
    <message>
        <source>OKX answered rows not older than `after` for %1</source>
        <translation>OKX 为 %1 返回了不早于 `after` 的行</translation>
    </message>
</context>
<context>
    <name>Candlewick::OkxLiveFeed</name>
    <message>
        <source>OKX streams no %1 candles: %2 is not recorded live</source>
        <translation>OKX 不推送 %1 K线：不实时录制 %2</translation>
    </message>
    <message>
        <source>OKX WebSocket %1 closed; reconnecting in %2 ms</source>
        <translation>OKX WebSocket %1 已关闭；%2 毫秒后重新连接</translation>
    </message>
    <message>
        <source>OKX WebSocket: no pong; reconnecting</source>
        <translation>OKX WebSocket：没有 pong；正在重新连接</translation>
    </message>
    <message>
        <source>OKX refused a request: code %1: %2</source>
        <translation>OKX 拒绝了请求：代码 %1：%2</translation>
    </message>
    <message>
        <source>OKX sent a malformed candle for %1: %2</source>
        <translation>OKX 发来 %1 的格式错误的K线：%2</translation>
    </message>
    <message>
        <source>OKX %1: dropped a candle: %2</source>
        <translation>OKX %1：丢弃了一根K线：%2</translation>
    </message>
</context>
<context>
    <name>Candlewick::OkxParser</name>
    <message>
        <source>not an OKX envelope (no string code)</source>
        <translation>不是 OKX 信封格式（没有字符串 code）</translation>
    </message>
    <message>
        <source>no data array</source>
        <translation>没有 data 数组</translation>
    </message>
    <message>
        <source>a candle row is not an array of 9 strings</source>
        <translation>某个K线行不是 9 个字符串组成的数组</translation>
    </message>
    <message>
        <source>a candle row has a field that is not a number string</source>
        <translation>某个K线行有字段不是数字字符串</translation>
    </message>
    <message>
        <source>a candle row has confirm %1, not &quot;0&quot; or &quot;1&quot;</source>
        <translation>某个K线行的 confirm 为 %1，而不是“0”或“1”</translation>
    </message>
    <message>
        <source>an instrument has no instId</source>
        <translation>某个合约没有 instId</translation>
    </message>
    <message>
        <source>invalid JSON: %1</source>
        <translation>JSON 无效：%1</translation>
    </message>
</context>
<context>
    <name>Candlewick::OkxRestProvider</name>
    <message>
        <source>OKX sent a malformed answer to %1: %2</source>
        <translation>OKX 对 %1 的响应格式错误：%2</translation>
    </message>
</context>
<context>
    <name>Candlewick::OkxSymbolsJob</name>
    <message>
        <source>OKX sent a malformed instrument list: %1</source>
        <translation>OKX 发来格式错误的合约列表：%1</translation>
    </message>
</context>
<context>
    <name>Candlewick::PostgresCandleStore</name>
    <message>
        <source>Cannot write candles for %1</source>
        <translation>无法写入 %1 的K线</translation>
    </message>
    <message>
        <source>Database is not open</source>
        <translation>数据库未打开</translation>
    </message>
    <message>
        <source>Lost the connection to the PostgreSQL server</source>
        <translation>与 PostgreSQL 服务器的连接已断开</translation>
    </message>
    <message>
        <source>Database is open read-only</source>
        <translation>数据库以只读方式打开</translation>
    </message>
    <message>
        <source>Not a usable Candlewick database</source>
        <translation>不是可用的 Candlewick 数据库</translation>
    </message>
    <message>
        <source>Not a Candlewick database (it holds other tables; it is left unchanged)</source>
        <translation>不是 Candlewick 数据库（其中有其他表；保持原样不变）</translation>
    </message>
    <message>
        <source>Not a Candlewick database (it has no schema version)</source>
        <translation>不是 Candlewick 数据库（没有架构版本）</translation>
    </message>
    <message>
        <source>Database was made by a newer Candlewick (schema version %1, this one reads up to %2); update Candlewick to use it</source>
        <translation>该数据库由更新版本的 Candlewick 创建（架构版本 %1，本版本最高读取到 %2）；请更新 Candlewick 后再使用</translation>
    </message>
    <message>
        <source>Not a Candlewick database (schema version %1)</source>
        <translation>不是 Candlewick 数据库（架构版本 %1）</translation>
    </message>
    <message>
        <source>Not a Candlewick database (table %1 is missing)</source>
        <translation>不是 Candlewick 数据库（缺少表 %1）</translation>
    </message>
    <message>
        <source>Cannot create the database schema</source>
        <translation>无法创建数据库架构</translation>
    </message>
    <message>
        <source>Cannot update the database from schema version %1</source>
        <translation>无法从架构版本 %1 升级数据库</translation>
    </message>
    <message>
        <source>Updating the database %1 from schema version %2 to %3 (prices and volumes as exact decimals); its candles are rewritten once, in one transaction</source>
        <translation>正在将数据库 %1 从架构版本 %2 升级到 %3（价格和成交量改为精确小数）；其K线将在一个事务中重写一次</translation>
    </message>
    <message>
        <source>a stored candle does not fit the series&apos; decimals</source>
        <translation>某根已存储的K线与该序列的小数位数不符</translation>
    </message>
    <message>
        <source>unexpected data from the server</source>
        <translation>服务器发来意外的数据</translation>
    </message>
    <message>
        <source>a value of the candle at %1 is not a number</source>
        <translation>%1 处K线的某个值不是数字</translation>
    </message>
    <message>
        <source>Cannot connect to the PostgreSQL database</source>
        <translation>无法连接到 PostgreSQL 数据库</translation>
    </message>
    <message>
        <source>Cannot open the database read-only</source>
        <translation>无法以只读方式打开数据库</translation>
    </message>
    <message>
        <source>Not a Candlewick database (it is empty)</source>
        <translation>不是 Candlewick 数据库（数据库为空）</translation>
    </message>
    <message>
        <source>the import stopped</source>
        <translation>导入已中止</translation>
    </message>
    <message>
        <source>Nothing written for %1</source>
        <translation>未为 %1 写入任何内容</translation>
    </message>
    <message>
        <source>Cannot write the forming candle of %1</source>
        <translation>无法写入 %1 的形成中K线</translation>
    </message>
    <message>
        <source>: a value is not a number</source>
        <translation>：某个值不是数字</translation>
    </message>
    <message>
        <source>Cannot read the coverage of %1</source>
        <translation>无法读取 %1 的覆盖范围</translation>
    </message>
    <message>
        <source>Cannot count the candles of %1</source>
        <translation>无法统计 %1 的K线</translation>
    </message>
    <message>
        <source>Cannot read the candles of %1</source>
        <translation>无法读取 %1 的K线</translation>
    </message>
    <message>
        <source>Cannot read the forming candle of %1</source>
        <translation>无法读取 %1 的形成中K线</translation>
    </message>
    <message>
        <source>Cannot list the stored series</source>
        <translation>无法列出已存储的序列</translation>
    </message>
    <message>
        <source>Cannot save the symbol list of %1</source>
        <translation>无法保存 %1 的交易对列表</translation>
    </message>
    <message>
        <source>Cannot read the symbol list of %1</source>
        <translation>无法读取 %1 的交易对列表</translation>
    </message>
</context>
<context>
    <name>Candlewick::PostgresListener</name>
    <message>
        <source>Cannot connect to the PostgreSQL database: %1 (%2)</source>
        <translation>无法连接到 PostgreSQL 数据库：%1（%2）</translation>
    </message>
    <message>
        <source>Cannot listen for commits: %1 (%2)</source>
        <translation>无法监听提交：%1（%2）</translation>
    </message>
    <message>
        <source>Lost the connection to the PostgreSQL server: %1 (%2)</source>
        <translation>与 PostgreSQL 服务器的连接已断开：%1（%2）</translation>
    </message>
</context>
<context>
    <name>Candlewick::ProviderError</name>
    <message>
        <source>The %1 provider is gone</source>
        <translation>%1 数据源已不存在</translation>
    </message>
</context>
<context>
    <name>Candlewick::ReplayFeed</name>
    <message>
        <source>Nothing to replay: no series was chosen.</source>
        <translation>没有可回放的内容：未选择序列。</translation>
    </message>
    <message>
        <source>Nothing to replay: the end of the range is not after its start.</source>
        <translation>没有可回放的内容：区间的结束时间不晚于开始时间。</translation>
    </message>
    <message>
        <source>No candle database to replay from.</source>
        <translation>没有可用于回放的K线数据库。</translation>
    </message>
</context>
<context>
    <name>Candlewick::ReplayReader</name>
    <message>
        <source>Cannot open the candle database for replay: %1</source>
        <translation>无法打开用于回放的K线数据库：%1</translation>
    </message>
    <message>
        <source>Cannot read the candle database for replay: %1</source>
        <translation>无法读取用于回放的K线数据库：%1</translation>
    </message>
</context>
<context>
    <name>Candlewick::RequestInfo</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>Candlewick::RestCall</name>
    <message>
        <source>Provider gone</source>
        <translation>数据源已不存在</translation>
    </message>
    <message>
        <source>no answer within %1 s</source>
        <translation>%1 秒内无响应</translation>
    </message>
    <message>
        <source>No answer from Binance within %1 s (%2)</source>
        <translation>Binance 在 %1 秒内无响应（%2）</translation>
    </message>
    <message>
        <source>Response from %1 larger than %2 bytes: refused</source>
        <translation>%1 的响应大于 %2 字节：已拒绝</translation>
    </message>
    <message>
        <source>Bad response from Binance (%1): %2</source>
        <translation>Binance 的响应有误（%1）：%2</translation>
    </message>
    <message>
        <source>Network error talking to %1: %2: check your connection and --rest-url</source>
        <translation>与 %1 通信时发生网络错误：%2：请检查网络连接和 --rest-url</translation>
    </message>
    <message>
        <source> (gave up after %1 attempts)</source>
        <translation>（%1 次尝试后放弃）</translation>
    </message>
</context>
<context>
    <name>Candlewick::SharedWeightState</name>
    <message>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>cannot lock</source>
        <translation>无法加锁</translation>
    </message>
    <message>
        <source>%1 keeps being replaced</source>
        <translation>%1 不断被替换</translation>
    </message>
    <message>
        <source>cannot write</source>
        <translation>无法写入</translation>
    </message>
</context>
<context>
    <name>Candlewick::SqliteCandleStore</name>
    <message>
        <source>the file is corrupt or not an SQLite database; check it with `sqlite3 FILE &apos;PRAGMA integrity_check&apos;`</source>
        <translation>文件已损坏或不是 SQLite 数据库；请用 `sqlite3 FILE &apos;PRAGMA integrity_check&apos;` 检查</translation>
    </message>
    <message>
        <source>disk I/O error (%1); check the disk, then the file with `sqlite3 FILE &apos;PRAGMA integrity_check&apos;`</source>
        <translation>磁盘 I/O 错误（%1）；请检查磁盘，然后用 `sqlite3 FILE &apos;PRAGMA integrity_check&apos;` 检查文件</translation>
    </message>
    <message>
        <source>the database is locked by another process</source>
        <translation>数据库被另一个进程锁定</translation>
    </message>
    <message>
        <source>the file is read-only</source>
        <translation>文件为只读</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>权限被拒绝</translation>
    </message>
    <message>
        <source>Database is not open</source>
        <translation>数据库未打开</translation>
    </message>
    <message>
        <source>Database file is damaged, nothing is written to it; check it with `sqlite3 FILE &apos;PRAGMA integrity_check&apos;`</source>
        <translation>数据库文件已损坏，不会再向其写入；请用 `sqlite3 FILE &apos;PRAGMA integrity_check&apos;` 检查</translation>
    </message>
    <message>
        <source>Cannot check the database before writing</source>
        <translation>写入前无法检查数据库</translation>
    </message>
    <message>
        <source>Not a usable Candlewick database</source>
        <translation>不是可用的 Candlewick 数据库</translation>
    </message>
    <message>
        <source>Not a Candlewick database (it holds other tables; it is left unchanged)</source>
        <translation>不是 Candlewick 数据库（其中有其他表；保持原样不变）</translation>
    </message>
    <message>
        <source>Not a Candlewick database (it has no schema version)</source>
        <translation>不是 Candlewick 数据库（没有架构版本）</translation>
    </message>
    <message>
        <source>Database was made by a newer Candlewick (schema version %1, this one reads up to %2); update Candlewick to use it</source>
        <translation>该数据库由更新版本的 Candlewick 创建（架构版本 %1，本版本最高读取到 %2）；请更新 Candlewick 后再使用</translation>
    </message>
    <message>
        <source>Not a Candlewick database (schema version %1)</source>
        <translation>不是 Candlewick 数据库（架构版本 %1）</translation>
    </message>
    <message>
        <source>Not a Candlewick database (table %1 is missing)</source>
        <translation>不是 Candlewick 数据库（缺少表 %1）</translation>
    </message>
    <message>
        <source>Cannot create the database schema</source>
        <translation>无法创建数据库架构</translation>
    </message>
    <message>
        <source>Cannot update the database from schema version %1</source>
        <translation>无法从架构版本 %1 升级数据库</translation>
    </message>
    <message>
        <source>Updating the database %1 from schema version %2 to %3 (prices and volumes as exact decimals, in less space); its candles are rewritten once, in one transaction, then the file is compacted</source>
        <translation>正在将数据库 %1 从架构版本 %2 升级到 %3（价格和成交量改为精确小数，占用空间更少）；其K线将在一个事务中重写一次，然后压缩文件</translation>
    </message>
    <message>
        <source>: a series has open times too far apart to store (the file is left as it was)</source>
        <translation>：某个序列的开盘时间相距太远，无法存储（文件保持原样）</translation>
    </message>
    <message>
        <source>Could not compact %1 (%2); the free space is reused by later writes</source>
        <translation>无法压缩 %1（%2）；空闲空间将由之后的写入重新使用</translation>
    </message>
    <message>
        <source>Cannot switch the database to WAL mode</source>
        <translation>无法将数据库切换到 WAL 模式</translation>
    </message>
    <message>
        <source>No database path given</source>
        <translation>未指定数据库路径</translation>
    </message>
    <message>
        <source>Database path is a directory</source>
        <translation>数据库路径是一个目录</translation>
    </message>
    <message>
        <source>Database path is not a regular file</source>
        <translation>数据库路径不是普通文件</translation>
    </message>
    <message>
        <source>Database file does not exist</source>
        <translation>数据库文件不存在</translation>
    </message>
    <message>
        <source>Cannot create the database directory %1</source>
        <translation>无法创建数据库目录 %1</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Not a Candlewick database (it is empty)</source>
        <translation>不是 Candlewick 数据库（数据库为空）</translation>
    </message>
    <message>
        <source>Database file is read-only; Candlewick cannot store candles in it (check the file&apos;s permissions)</source>
        <translation>数据库文件为只读；Candlewick 无法在其中存储K线（请检查文件权限）</translation>
    </message>
    <message>
        <source>Nothing written for %1: the import stopped (%2)</source>
        <translation>未为 %1 写入任何内容：导入已中止（%2）</translation>
    </message>
    <message>
        <source>Cannot write candles for %1</source>
        <translation>无法写入 %1 的K线</translation>
    </message>
    <message>
        <source>Cannot write candles for %1: a value of the candle at %2 is not a number</source>
        <translation>无法写入 %1 的K线：%2 处K线的某个值不是数字</translation>
    </message>
    <message>
        <source>Cannot write candles for %1: open time %2 is too far from the stored ones</source>
        <translation>无法写入 %1 的K线：开盘时间 %2 与已存储的相距太远</translation>
    </message>
    <message numerus="yes">
        <source>Cannot write the candles of %n series</source>
        <translation>
            <numerusform>无法写入 %n 个序列的K线</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot write the forming candle of %1</source>
        <translation>无法写入 %1 的形成中K线</translation>
    </message>
    <message>
        <source>: a value is not a number</source>
        <translation>：某个值不是数字</translation>
    </message>
    <message>
        <source>Cannot read the coverage of %1</source>
        <translation>无法读取 %1 的覆盖范围</translation>
    </message>
    <message>
        <source>Cannot count the candles of %1</source>
        <translation>无法统计 %1 的K线</translation>
    </message>
    <message>
        <source>Cannot read the candles of %1</source>
        <translation>无法读取 %1 的K线</translation>
    </message>
    <message>
        <source>Cannot read the forming candle of %1</source>
        <translation>无法读取 %1 的形成中K线</translation>
    </message>
    <message>
        <source>Cannot list the stored series</source>
        <translation>无法列出已存储的序列</translation>
    </message>
    <message>
        <source>Cannot save the symbol list of %1</source>
        <translation>无法保存 %1 的交易对列表</translation>
    </message>
    <message>
        <source>Cannot read the symbol list of %1</source>
        <translation>无法读取 %1 的交易对列表</translation>
    </message>
    <message>
        <source>: %1 (the file is left as it was)</source>
        <translation>：%1（文件保持原样）</translation>
    </message>
    <message>
        <source>its series id %1 is above %2, the largest the file&apos;s candle keys can hold</source>
        <translation>其序列 ID %1 超过 %2，即文件的 K 线键所能容纳的最大值</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>Candlewick::StrategyHost</name>
    <message>
        <source>no such file</source>
        <translation>没有该文件</translation>
    </message>
    <message>
        <source>not a loadable Qt plugin: %1</source>
        <translation>不是可加载的 Qt 插件：%1</translation>
    </message>
    <message>
        <source>a strategy named &quot;%1&quot; was already found in %2</source>
        <translation>已在 %2 中找到名为“%1”的策略</translation>
    </message>
    <message>
        <source>no strategy named &quot;%1&quot; (found: %2; searched %3)</source>
        <translation>没有名为“%1”的策略（已找到：%2；已搜索：%3）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>cannot load %1: %2</source>
        <translation>无法加载 %1：%2</translation>
    </message>
    <message>
        <source>%1 does not implement %2</source>
        <translation>%1 未实现 %2</translation>
    </message>
    <message>
        <source>strategy %1 failed to create an instance: %2</source>
        <translation>策略 %1 无法创建实例：%2</translation>
    </message>
    <message>
        <source>strategy %1 failed to create an instance</source>
        <translation>策略 %1 无法创建实例</translation>
    </message>
    <message>
        <source>strategy %1 returned no instance</source>
        <translation>策略 %1 未返回实例</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; must be written name=value</source>
        <translation>参数“%1”必须写成 名称=值</translation>
    </message>
</context>
<context>
    <name>Candlewick::StrategyInfo</name>
    <message>
        <source>not a Qt plugin (no IID)</source>
        <translation>不是 Qt 插件（没有 IID）</translation>
    </message>
    <message>
        <source>IID &quot;%1&quot; is neither &quot;%2&quot; nor &quot;%3&quot;</source>
        <translation>IID“%1”既不是“%2”也不是“%3”</translation>
    </message>
    <message>
        <source>the plugin has no JSON metadata (Q_PLUGIN_METADATA FILE)</source>
        <translation>该插件没有 JSON 元数据（Q_PLUGIN_METADATA FILE）</translation>
    </message>
    <message>
        <source>metadata has no &quot;name&quot;</source>
        <translation>元数据中没有“name”</translation>
    </message>
    <message>
        <source>metadata name &quot;%1&quot; may only hold letters, digits, _ and -</source>
        <translation>元数据名称“%1”只能包含字母、数字、_ 和 -</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: &quot;parameters&quot; must be an array</source>
        <translation>“%1”：“parameters”必须是数组</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: every parameter must be an object</source>
        <translation>“%1”：每个参数都必须是对象</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: parameter &quot;%2&quot; is declared twice</source>
        <translation>“%1”：参数“%2”被声明了两次</translation>
    </message>
    <message>
        <source>%1 has no parameter &quot;%2&quot; (it has: %3)</source>
        <translation>%1 没有参数“%2”（现有：%3）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>Candlewick::StrategyParameter</name>
    <message>
        <source>a parameter has no &quot;name&quot;</source>
        <translation>某个参数没有“name”</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot;: &quot;%2&quot; must be a number, on an int or double</source>
        <translation>参数“%1”：“%2”必须是数字，且只用于 int 或 double</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot;: min is above max</source>
        <translation>参数“%1”：min 大于 max</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot;: enum values must be non-empty strings</source>
        <translation>参数“%1”：枚举值必须是非空字符串</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot;: an enum needs &quot;values&quot;</source>
        <translation>参数“%1”：枚举需要“values”</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot; has no &quot;default&quot;</source>
        <translation>参数“%1”没有“default”</translation>
    </message>
    <message>
        <source>parameter &quot;%1&quot;: bad default: %2</source>
        <translation>参数“%1”：默认值无效：%2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; expects an integer, got %2</source>
        <translation>“%1”应为整数，实际为 %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; expects a number, got %2</source>
        <translation>“%1”应为数字，实际为 %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; expects true or false, got %2</source>
        <translation>“%1”应为 true 或 false，实际为 %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; expects text, got %2</source>
        <translation>“%1”应为文本，实际为 %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be one of %2, got %3</source>
        <translation>“%1”必须是 %2 之一，实际为 %3</translation>
    </message>
    <message>
        <source>&quot;%1&quot; = %2 is out of range [%3, %4]</source>
        <translation>“%1” = %2 超出范围 [%3, %4]</translation>
    </message>
    <message>
        <source>, default </source>
        <translation>，默认 </translation>
    </message>
    <message>
        <source>, one of </source>
        <translation>，可选 </translation>
    </message>
</context>
<context>
    <name>Candlewick::StrategyRun</name>
    <message>
        <source>strategy %1 failed in %2: %3</source>
        <translation>策略 %1 在 %2 中失败：%3</translation>
    </message>
    <message>
        <source>unknown exception</source>
        <translation>未知异常</translation>
    </message>
    <message>
        <source>no plot has the id %1</source>
        <translation>没有 ID 为 %1 的绘图</translation>
    </message>
</context>
<context>
    <name>Candlewick::StreamConnection</name>
    <message>
        <source>unexpected binary frame</source>
        <translation>意外的二进制帧</translation>
    </message>
    <message>
        <source>TLS error: %1</source>
        <translation>TLS 错误：%1</translation>
    </message>
    <message>
        <source>connect timeout after %1 ms</source>
        <translation>连接在 %1 毫秒后超时</translation>
    </message>
    <message>
        <source>connection failed: %1</source>
        <translation>连接失败：%1</translation>
    </message>
    <message>
        <source>closed by server (code %1%2)</source>
        <translation>被服务器关闭（代码 %1%2）</translation>
    </message>
    <message>
        <source>response to unknown request id %1</source>
        <translation>对未知请求 ID %1 的响应</translation>
    </message>
    <message>
        <source>no data for %1 ms</source>
        <translation>%1 毫秒没有数据</translation>
    </message>
    <message>
        <source>no data for %1 ms and no kline event since connecting (does %2 serve kline streams?)</source>
        <translation>%1 毫秒没有数据，且连接后没有任何 K 线事件（%2 提供 K 线数据流吗？）</translation>
    </message>
    <message>
        <source>no pong within %1 ms</source>
        <translation>%1 毫秒内没有 pong</translation>
    </message>
    <message>
        <source>%1 (code %2)</source>
        <translation>%1（代码 %2）</translation>
    </message>
</context>
<context>
    <name>Candlewick::StreamPool</name>
    <message>
        <source>connection budget (%1 per 5 min) used up; next attempt at %2</source>
        <translation>连接配额（每 5 分钟 %1 次）已用完；下次尝试时间 %2</translation>
    </message>
    <message>
        <source>server announced a shutdown; switching connections</source>
        <translation>服务器宣布即将关闭；正在切换连接</translation>
    </message>
    <message>
        <source>reconnecting in %1 s (attempt %2)</source>
        <translation>%1 秒后重新连接（第 %2 次尝试）</translation>
    </message>
    <message>
        <source>planned reconnect: opening a replacement connection</source>
        <translation>计划内重连：正在打开替代连接</translation>
    </message>
    <message>
        <source>replacement connection live</source>
        <translation>替代连接已就绪</translation>
    </message>
    <message>
        <source>connected to %1 (%2 streams)</source>
        <translation>已连接到 %1（%2 个数据流）</translation>
    </message>
    <message>
        <source>replacement connection failed: %1</source>
        <translation>替代连接失败：%1</translation>
    </message>
    <message>
        <source>connection lost: %1</source>
        <translation>连接断开：%1</translation>
    </message>
    <message>
        <source>unknown frame skipped: %1 (%2 so far)</source>
        <translation>已跳过未知帧：%1（迄今 %2 个）</translation>
    </message>
    <message>
        <source>bad frame skipped: %1 (%2 so far)</source>
        <translation>已跳过错误帧：%1（迄今 %2 个）</translation>
    </message>
    <message>
        <source>%1 %2 refused: %3</source>
        <translation>%1 %2 被拒绝：%3</translation>
    </message>
</context>
<context>
    <name>Candlewick::TradeLiveFeed</name>
    <message>
        <source>%1: trades arrived after their candle had closed (%2)</source>
        <translation>%1：有成交在其 K 线收盘后才到达（%2）</translation>
    </message>
    <message>
        <source>the start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>%1: trades after %2 may be lost; those candles come from history</source>
        <translation>%1：%2 之后的成交可能已丢失；这些 K 线将从历史数据获取</translation>
    </message>
</context>
<context>
    <name>Candlewick::TradeStore</name>
    <message>
        <source>Trade database is not open</source>
        <translation>成交数据库未打开</translation>
    </message>
    <message>
        <source>Trades are stored in SQLite databases only, not in PostgreSQL</source>
        <translation>成交只存储在 SQLite 数据库中，不存储在 PostgreSQL 中</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Cannot create the trade tables</source>
        <translation>无法创建成交表</translation>
    </message>
    <message>
        <source>Trade database is open read-only</source>
        <translation>成交数据库以只读方式打开</translation>
    </message>
    <message>
        <source>Cannot store trades of %1 %2</source>
        <translation>无法存储 %1 %2 的成交</translation>
    </message>
    <message>
        <source>Cannot read the trade coverage</source>
        <translation>无法读取成交覆盖范围</translation>
    </message>
    <message>
        <source>Cannot read trades</source>
        <translation>无法读取成交</translation>
    </message>
    <message>
        <source>Cannot count trades</source>
        <translation>无法统计成交</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <source>%1 has no %2 candles and cannot build them: the finest interval it offers is %3</source>
        <translation>%1 没有 %2 K线，也无法构建：它提供的最细周期是 %3</translation>
    </message>
    <message>
        <source>Binance</source>
        <translation>币安</translation>
    </message>
    <message>
        <source>spot</source>
        <translation>现货</translation>
    </message>
    <message>
        <source>Binance USD-M</source>
        <translation>币安 U 本位合约</translation>
    </message>
    <message>
        <source>USD-M perpetuals</source>
        <translation>U 本位永续合约</translation>
    </message>
    <message>
        <source>Bybit</source>
        <translation>Bybit</translation>
    </message>
    <message>
        <source>Bybit Linear</source>
        <translation>Bybit 线性合约</translation>
    </message>
    <message>
        <source>USDT perpetuals</source>
        <translation>USDT 永续合约</translation>
    </message>
    <message>
        <source>Coinbase</source>
        <translation>Coinbase</translation>
    </message>
    <message>
        <source>spot (Advanced Trade)</source>
        <translation>现货（Advanced Trade）</translation>
    </message>
    <message>
        <source>Demo (offline)</source>
        <translation>演示（离线）</translation>
    </message>
    <message>
        <source>synthetic spot market</source>
        <translation>合成现货市场</translation>
    </message>
    <message>
        <source>OKX</source>
        <translation>OKX</translation>
    </message>
    <message>
        <source>spot and swaps</source>
        <translation>现货和永续合约</translation>
    </message>
</context>
<context>
    <name>PostgresWriterLocks</name>
    <message>
        <source>Cannot connect to the PostgreSQL database: %1 (%2)</source>
        <translation>无法连接到 PostgreSQL 数据库：%1（%2）</translation>
    </message>
</context>
</TS>
