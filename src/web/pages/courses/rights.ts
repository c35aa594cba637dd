/**
 * What the signed-in user may do on the course page, worked out once by CoursePage (useRights) and
 * handed to its sections. Its own file so the sections need not import the page that imports them.
 */
export interface CourseRights {
  manage: boolean;
  reassign: boolean;
  grant: boolean;
  plan: boolean;
  register: boolean;
  /** Register a planned clip's minutes beyond the grant or frame as an exception (the role the frame names). */
  registerException: boolean;
}
