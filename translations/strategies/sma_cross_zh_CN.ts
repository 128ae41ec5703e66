<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SmaCrossStrategy</name>
    <message>
        <source>SMA(%1) %2 crossed above SMA(%3) %4</source>
        <translation>SMA(%1) %2 上穿 SMA(%3) %4</translation>
    </message>
    <message>
        <source>SMA(%1) %2 crossed below SMA(%3) %4</source>
        <translation>SMA(%1) %2 下穿 SMA(%3) %4</translation>
    </message>
</context>
</TS>
