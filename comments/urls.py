from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("comments/thread/<int:page_id>/", views.thread_fragment, name="thread"),
    path("comments/form/<int:page_id>/", views.form_fragment, name="form"),
    path("comments/replies/<int:comment_id>/", views.replies_page, name="replies"),
    path("comments/counts/", views.comment_counts, name="counts"),
    path("comments/<int:page_id>/", views.comments_page, name="page"),
    path("comments/<int:page_id>/post/", views.comment_post, name="post"),
    path("comments/edit/<int:comment_id>/", views.comment_edit, name="edit"),
    path("comments/delete/<int:comment_id>/", views.comment_delete, name="delete"),
    path("comments/report/<int:comment_id>/", views.comment_report, name="report"),
    path("comments/respect/<int:comment_id>/", views.comment_respect, name="respect"),
]
