import { AddReferenceHandler, ImportArticleHandler, ResolveReferenceHandler } from './article.handlers';
import { ProposeClaimRevisionHandler, RecordEvidenceCheckHandler, RecordMedicalReviewHandler } from './claim.handlers';
import { PublishClaimHandler, ReopenClaimHandler, ReopenSectionHandler, UnpublishClaimHandler } from './reaction.handlers';
import {
  AddClaimHandler,
  PublishSectionHandler,
  RemoveClaimHandler,
  ReviseSectionHandler,
  SignOffSectionEvidenceHandler,
  SignOffSectionMedicalHandler,
  UnpublishSectionHandler,
} from './section.handlers';

export const COMMAND_HANDLERS = [
  ImportArticleHandler,
  AddReferenceHandler,
  ResolveReferenceHandler,
  ProposeClaimRevisionHandler,
  RecordEvidenceCheckHandler,
  RecordMedicalReviewHandler,
  SignOffSectionEvidenceHandler,
  SignOffSectionMedicalHandler,
  PublishSectionHandler,
  UnpublishSectionHandler,
  ReviseSectionHandler,
  AddClaimHandler,
  RemoveClaimHandler,
  ReopenSectionHandler,
  PublishClaimHandler,
  UnpublishClaimHandler,
  ReopenClaimHandler,
];
