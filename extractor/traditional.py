"""Traditional characters folded to simplified, one for one, for reading a page served in 繁體.

Some sites serve a 繁體 copy of every page (a `big5.` gateway, a server-side switch), and a
crawler may keep that copy: `本年新收政府信息公開申請數量`, `（七）總計`, `結轉下年度繼續辦理`. The
reader's labels, headings and title rules are written in simplified characters, so the document
is read through this folding. It maps characters, never numbers, and keeps the text's length, so
every offset (provenance, spans) still points into the text as printed. Only characters that are
never simplified ones are mapped (not 乾, 覆, 著, 後/后 is: 後 is no simplified character).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .document import Document

# pairs "traditional simplified", the words of the national format, of bodies' names and of
# the reports' prose
_PAIRS = (
    "開开 請请 數数 結结 轉转 辦办 無无 國国 務务 處处 關关 機机 經经 權权 護护 內内 執执 詢询 沒没 現现 "
    "補补 確确 訪访 舉举 復复 複复 類类 當当 獲获 認认 費费 規规 許许 罰罚 強强 業业 對对 總总 決决 廢废 "
    "條条 項项 發发 況况 動动 組组 織织 會会 構构 訴诉 維维 糾纠 審审 採采 購购 額额 減减 報报 門门 區区 "
    "縣县 鎮镇 鄉乡 廳厅 員员 為为 長长 統统 計计 稱称 單单 編编 應应 證证 這这 實实 進进 與与 義义 見见 "
    "級级 財财 產产 設设 積积 極极 層层 錄录 傳传 網网 讀读 覽览 線线 臺台 眾众 圍围 繞绕 達达 續续 滿满 "
    "議议 屬属 於于 險险 過过 據据 崗岗 專专 禁禁 穩稳 響响 時时 間间 態态 後后 體体 號号 聯联 繫系 "
    "係系 話话 電电 郵邮 傳传 真真 點点 擊击 閱阅 覽览 參参 與与 徵征 詢询 諮咨 問问 題题 難难 題题 "
    "議议 題题 導导 領领 負负 責责 職职 據据 標标 準准 範范 製制 將将 從从 來来 說说 話话 隨随 "
    "區区 劃划 規规 劃划 營营 運运 輸输 農农 場场 環环 境境 資资 源源 衛卫 健健 醫医 療疗 藥药 監监 督督 "
    "管管 質质 檢检 驗验 稅税 務务 審审 計计 環环 保保 護护 園园 林林 氣气 象象 檔档 案案 館馆 書书 "
    "圖图 訊讯 軍军 銀银 貿贸 僑侨 台台 歸归 鐵铁 輛辆 車车 站站 鄰邻 里里 頁页 週周 歲岁 億亿 萬万 "
    "餘余 歷历 曆历 幹干 鬥斗 隻只 邊边 島岛 礦矿 鹽盐 漁渔 豬猪 雞鸡 魚鱼 麥麦 糧粮 價价 錢钱 貸贷 "
    "險险 賠赔 償偿 補补 貼贴 稅税 繳缴 納纳 罰罚 沒没 收收 徵征 遷迁 拆拆 壩坝 渠渠 濟济 創创 試试 "
    "驗验 識识 護护 災灾 難难 險险 爭争 議议 調调 解解 獄狱 監监 籍籍 戶户 證证 業业 師师 學学 "
    "校校 研研 究究 術术 藝艺 劇剧 樂乐 衛卫 視视 廣广 電电 聞闻 紙纸 刊刊 愛爱 婦妇 兒儿 殘残 聯联 "
    "老老 齡龄 殯殡 葬葬 墓墓 養养 勞劳 就就 薪薪 酬酬 險险 繼继 續续 辭辞 職职 離离 遺遗 囑嘱 "
    "選选 舉举 黨党 團团 紀纪 檢检 察察 員员 審审 判判 執执 處处 罰罚 強强 製制 決决 規规 範范 "
    "紅红 綠绿 藍蓝 黃黄 東东 華华 陽阳 陰阴 慶庆 瀋沈 廣广 廈厦 門门 蘇苏 閩闽 贛赣 魯鲁 豫豫 "
    "湘湘 鄂鄂 粵粤 瓊琼 渝渝 蜀蜀 黔黔 滇滇 陝陕 隴陇 寧宁 新新 疆疆 遼辽 吉吉 黑黑 龍龙 蒙蒙 "
    "灣湾 灘滩 濱滨 潭潭 漢汉 滬沪 津津 冀冀 晉晋 皖皖 浙浙 閘闸 壯壮 區区 聲声 態态 勢势 類类"
)
_MAP = {p[0]: p[1] for p in _PAIRS.split() if len(p) == 2 and p[0] != p[1]}
_TABLE = str.maketrans(_MAP)
_TRADITIONAL = re.compile("[" + "".join(sorted(_MAP)) + "]")
#: characters of the format's own words: a page holding several of them is a 繁體 page
_MARKERS = re.compile("[開請數結轉辦總處況]")


def is_traditional(text: str) -> bool:
    """Does the text print the format's words in traditional characters?"""
    return len(_MARKERS.findall(text, 0, 20000)) >= 5


def fold(text: str) -> str:
    """The text with its traditional characters simplified, one for one (same length)."""
    return text.translate(_TABLE)


def simplified(doc: Document) -> Document:
    """The document read through the folding (itself when it is not a 繁體 page)."""
    if not _TRADITIONAL.search(doc.text) or not is_traditional(doc.text):
        return doc
    tables = [replace(t, cells=[replace(c, text=fold(c.text)) for c in t.cells]) for t in doc.tables]
    return replace(doc, text=fold(doc.text), tables=tables,
                   source_html=None if doc.source_html is None else fold(doc.source_html))
