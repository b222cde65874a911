"""Controlled vocabularies of the source format: levels, statuses, regions, indicator names…

Every stage reads these (validation checks values against them, renderers list them in order).
"""
from __future__ import annotations

LEVELS = ("国家标准", "行业标准", "地方标准", "团体标准", "企业标准", "组织内部标准")
UNMANAGED_LEVELS = ("国家标准", "行业标准")       # reviewed and evaluated by their own issuers
REGIONS = ("全市", "主城都市区", "渝东北三峡库区城镇群", "渝东南武陵山区城镇群", "川渝")
STAGES = ("制定中", "修订中")
REVIEW_CONCLUSIONS = ("继续有效", "修订", "废止")
DOC_KINDS = ("规划", "通知", "办法", "规定", "指南", "其他")
AUDIENCES = ("领导干部", "管理人员", "一线职工")
STATUSES = ("现行", "即将实施", "制定中", "被代替", "废止")
DOCUMENT_STATUSES = ("现行有效", "已废止")
BLOCK_KINDS = ("flow", "checklist", "criteria", "dot", "quiz")
PLAN_KINDS = ("制定", "修订")
PILOT_KINDS = ("国家级试点", "市级试点", "示范点", "实训基地")
FEEDBACK_KINDS = ("实施反馈", "征求意见")
FEEDBACK_STATUSES = ("待处理", "已采纳", "部分采纳", "未采纳")
REVIEW_SUGGESTED_AT = 3          # 已采纳 comments on a 现行 standard that make it a 复审 candidate
DEFAULT_DIRECTORY_TITLE = "重庆市机关事务标准类规范性文件目录"

# the dashboard's computed indicators (targets.yaml keys), in display order, with their labels
INDICATORS = {
    "coverage_core_areas": "主干业务领域标准覆盖率",
    "plan_completion": "体系内标准制修订完成率",
    "evaluated_after_1y": "实施满1年的标准实施效果评价比例",
    "reviewed_after_5y": "实施满5年的标准复审率",
    "training_attendance": "培训覆盖人次",
}
TARGET_NAMES = tuple(INDICATORS)
COUNT_INDICATORS = ("training_attendance",)      # a count, not a ratio

# published as downloads next to a standard's page: documents and pictures, never pages or scripts
ATTACHMENT_TYPES = frozenset({"pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "csv", "ppt", "pptx",
                              "txt", "jpg", "jpeg", "png", "gif", "zip", "rar", "7z"})
COURSE_ATTACHMENT_TYPES = ATTACHMENT_TYPES | {"pptx", "pdf", "mp4"}     # 课件: slides, handouts, videos

# 培训效果评估表: five-point scale items (5 非常满意 … 1 很不满意) and open questions; the printed
# form and 评估汇总.xlsx list them in this order
EVALUATION_SCALE = ("非常满意", "满意", "一般", "不满意", "很不满意")
EVALUATION_ITEMS = (
    "培训内容符合本职工作需要",
    "内容安排合理，重点突出",
    "讲师讲解清楚，准备充分",
    "案例、演示和练习有助于理解标准",
    "讲义、课件等资料实用",
    "培训时间安排合适",
    "培训组织和场地保障良好",
    "所学内容能在工作中应用",
    "对本次培训的总体评价",
)
EVALUATION_QUESTIONS = (
    "本次培训中对您最有帮助的内容是什么？",
    "您在执行相关标准时还有哪些困难或疑问？",
    "对今后的培训有哪些建议（内容、形式、时间等）？",
)

# The first level (field) of the International Classification for Standards, by its Chinese name,
# for the fields this system's standards use; a code of another field is shown with its label only.
ICS_FIELDS = {
    "01": "综合、术语学、标准化、文献",
    "03": "社会学、服务、公司（企业）的组织和管理、行政、运输",
    "07": "数学、自然科学",
    "11": "医药卫生技术",
    "13": "环保、保健和安全",
    "27": "能源和热传导工程",
    "35": "信息技术、办公机械",
    "43": "道路车辆工程",
    "67": "食品技术",
    "91": "建筑材料和建筑物",
    "97": "家用和商用设备、文娱、体育",
}
