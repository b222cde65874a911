"""The validated model: read-only records built once per build (records, plan), the block forms
(blocks) and the controlled vocabularies (vocab). Everything is re-exported here."""
from __future__ import annotations

from .blocks import (Block, CheckItem, Checklist, Criteria, Criterion, Diagram, Flow, Parsed, Question, Quiz,  # noqa: F401
                     Step)
from .plan import (COMPUTED, DEFAULT_TARGETS, RECORD_KINDS, Case, Evidence, Goal, Period, Pilot, Targets,  # noqa: F401
                   WorkRecord, computed_goals)
from .records import (Area, Attachment, Category, Clause, Consultation, Course, Directory, Document,  # noqa: F401
                      Edition, Evaluation, Exam, Feedback, FeedbackContact, Framework, Item, LeftOut, Module, Owner,
                      PlanItem,
                      Project, Review, Session, Standard)
from .vocab import (ATTACHMENT_TYPES, AUDIENCES, BLOCK_KINDS, COUNT_INDICATORS, COURSE_ATTACHMENT_TYPES,  # noqa: F401
                    DEFAULT_DIRECTORY_TITLE, DOC_KINDS, DOCUMENT_STATUSES, EVALUATION_ITEMS, EVALUATION_QUESTIONS,
                    EVALUATION_SCALE, FEEDBACK_KINDS, FEEDBACK_STATUSES, ICS_FIELDS, INDICATORS, LEVELS, PILOT_KINDS, PLAN_KINDS,
                    REGIONS, REVIEW_CONCLUSIONS, REVIEW_SUGGESTED_AT, STAGES, STATUSES, TARGET_NAMES,
                    UNMANAGED_LEVELS)
