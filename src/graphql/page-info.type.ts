import { Field, ObjectType } from "type-graphql";

@ObjectType("PageInfo", {
  description: "Where a page of a list stands: whether there is more on either side, and its ends.",
})
export class PageInfoType {
  @Field({ description: "Whether the list holds more after this page (ask with `after`)." })
  hasNextPage!: boolean;

  @Field({ description: "Whether the list holds more before this page (ask with `before`)." })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The cursor of the page's first item; null for an empty page.",
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The cursor of the page's last item; null for an empty page.",
  })
  endCursor!: string | null;
}
